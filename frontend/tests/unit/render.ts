/**
 * Renders Astro components in unit tests with Astro's container API: the project's own Vite set-up compiles the
 * .astro file (as the build does) and the container renders it to a string, without a server or a browser.
 */
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { getViteConfig } from 'astro/config';
import { createServer, type ViteDevServer } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let server: Promise<ViteDevServer> | undefined;
let container: Promise<AstroContainer> | undefined;
// registered when the test file imports this module, so at its top level: the server lives until its last test
after(async () => (await server)?.close());

async function vite(): Promise<ViteDevServer> {
  if (!server) {
    server = (async () => {
      const configure = getViteConfig({ root: ROOT, server: { middlewareMode: true, hmr: false }, appType: 'custom', logLevel: 'silent' }, { root: ROOT, logLevel: 'silent' });
      const config = await configure({ command: 'serve', mode: 'test' });
      return createServer({ ...config, configFile: false });
    })();
  }
  return server;
}

/** The HTML of a component (path below src/, e.g. 'components/streamfield/Quote.astro') with these props. */
export async function renderComponent(path: string, props: Record<string, unknown>): Promise<string> {
  const module = await (await vite()).ssrLoadModule(`/src/${path}`);
  container ??= AstroContainer.create();
  return (await container).renderToString(module.default, { props });
}
