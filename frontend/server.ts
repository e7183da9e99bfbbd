/**
 * The production entry of the site (`npm start`): @astrojs/node's handler (static files, then pages) behind
 * gzip/brotli (src/lib/compression.ts). The adapter's standalone server offers no hook around its handler, so
 * its autostart is switched off (ASTRO_NODE_AUTOSTART, the adapter's documented way) and the same handler is
 * served here; HOST, PORT and SERVER_CERT_PATH/SERVER_KEY_PATH mean what they mean to the adapter.
 * COMPRESSION=off serves it uncompressed, for a proxy in front that compresses.
 */
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { createServer as createSecureServer } from 'node:https';
import { compressing, compressionEnabled } from './src/lib/compression.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
// a path built at run time: the build output does not exist when the sources are type-checked
const entry = new URL('./dist/server/entry.mjs', import.meta.url).href;
const { handler, options } = (await import(entry)) as { handler: Handler; options: { host?: string | boolean; port?: number } };

const port = process.env.PORT ? Number(process.env.PORT) : (options.port ?? 8080);
const host = process.env.HOST ?? (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');
const listener = compressionEnabled() ? compressing(handler) : handler;
const { SERVER_CERT_PATH: cert, SERVER_KEY_PATH: key } = process.env;
const server = cert && key ? createSecureServer({ cert: readFileSync(cert), key: readFileSync(key) }, listener) : createServer(listener);
server.listen(port, host, () => console.log(`Site listening on ${cert && key ? 'https' : 'http'}://${host}:${port}/`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)).closeAllConnections());
