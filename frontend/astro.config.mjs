// Server-rendered site on the headless Wagtail API. Pages ship no client JavaScript.
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { DEFAULT_LOCALE, LOCALES } from './src/i18n/locales.ts';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'ignore',
  // Routing stays ours (src/middleware.ts, pages under [lang]/): `manual` gives Astro the list without its own
  // redirects or fallbacks.
  i18n: { locales: [...LOCALES], defaultLocale: DEFAULT_LOCALE, routing: 'manual' },
  devToolbar: { enabled: false },
  prefetch: false,
  build: { inlineStylesheets: 'never' },
  // The submission form's island must be a file from our origin (CSP `script-src 'self'`), never an inline
  // <script>, however small: Vite would inline scripts below its default 4 KB limit.
  vite: { build: { assetsInlineLimit: 0 } },
  server: { host: '127.0.0.1', port: 4321 },
  // The site is a reader: forms posting cross-site are not part of it yet; keep Astro's origin check on.
  security: { checkOrigin: true },
});
