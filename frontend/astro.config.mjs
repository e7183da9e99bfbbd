// Server-rendered site on the headless Wagtail API. Pages ship no client JavaScript.
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  prefetch: false,
  build: { inlineStylesheets: 'never' },
  server: { host: '127.0.0.1', port: 4321 },
  // The site is a reader: forms posting cross-site are not part of it yet; keep Astro's origin check on.
  security: { checkOrigin: true },
});
