/**
 * gzip and brotli for what the Astro server answers: rendered pages and JSON from the middleware, and the
 * static files (CSS, SVG, the island's JS) that @astrojs/node serves before Astro sees the request. That is
 * why this wraps the node `http` handler (server.ts) rather than living in src/middleware.ts: the middleware
 * never sees static files. Written here because the one well-known package (`compression`) is Express
 * middleware without ETag handling, and Node's zlib does the actual work.
 *
 * The rules: brotli when the reader accepts it, else gzip (RFC 9110 §12.5.3 quality values); `Vary:
 * Accept-Encoding` on everything compressible; bodies under THRESHOLD bytes, HEAD-less statuses, types that are
 * compressed already and `Cache-Control: no-transform` stay as they are; a strong ETag becomes weak when the
 * body is encoded, so an encoded and an identity answer never share a strong validator. Bodies stream through
 * zlib; only the first THRESHOLD bytes are held to learn whether a body of unknown length is small.
 * COMPRESSION=off switches it off when a proxy in front compresses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';
export const THRESHOLD = 1024;

/** Is compression on? Default on; COMPRESSION=0/false/off/no turns it off (a proxy in front compresses). */
export function compressionEnabled(value: string | undefined = process.env.COMPRESSION): boolean {
  return !['0', 'false', 'off', 'no'].includes((value ?? '').trim().toLowerCase());
}

/** The encoding to answer with from Accept-Encoding: br before gzip at equal quality, none when neither is accepted. */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return undefined;
  const quality = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = q ? Number.parseFloat(q.slice(2)) : 1;
    quality.set(name.trim(), Number.isNaN(value) ? 0 : value);
  }
  const of = (name: Encoding) => quality.get(name) ?? (name === 'gzip' ? quality.get('x-gzip') : undefined) ?? quality.get('*') ?? 0;
  const br = of('br');
  const gzip = of('gzip');
  if (br <= 0 && gzip <= 0) return undefined;
  return br >= gzip ? 'br' : 'gzip';
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|ld\+json|manifest\+json|rss\+xml|atom\+xml|[\w.-]+\+json|[\w.-]+\+xml)$|image\/svg\+xml$)/;

/** Text-like types worth compressing; images, PDFs, archives and fonts are compressed already. */
export function isCompressible(contentType: string | number | string[] | undefined): boolean {
  if (typeof contentType !== 'string') return false;
  return COMPRESSIBLE.test(contentType.split(';')[0]?.trim().toLowerCase() ?? '');
}

export interface Outgoing {
  status: number;
  contentType: string | number | string[] | undefined;
  contentEncoding: string | number | string[] | undefined;
  cacheControl: string | number | string[] | undefined;
  /** bytes of the body when known (Content-Length, or the whole body was written at once) */
  length: number | undefined;
}

/** Whether this answer depends on Accept-Encoding at all (then it carries `Vary: Accept-Encoding`). */
export function varies(out: Outgoing): boolean {
  // 206 is a byte range of the identity body: encoding it would mislabel the range
  const bodyless = out.status === 204 || out.status === 206 || out.status === 304 || out.status < 200;
  return !bodyless && isCompressible(out.contentType) && !out.contentEncoding;
}

/** The encoding of one answer, or undefined to send it as it is. */
export function encodingFor(out: Outgoing, accepted: Encoding | undefined): Encoding | undefined {
  if (!accepted || !varies(out)) return undefined;
  if (/(^|,)\s*no-transform\s*(,|$)/i.test(String(out.cacheControl ?? ''))) return undefined;
  if (out.length !== undefined && out.length < THRESHOLD) return undefined;
  return accepted;
}

/** A strong ETag made weak (`"x"` → `W/"x"`): the encoded bytes differ, so they cannot share a strong validator. */
export function weakened(etag: string): string {
  return etag.startsWith('W/') ? etag : `W/${etag}`;
}

function addVary(res: ServerResponse): void {
  const current = String(res.getHeader('vary') ?? '');
  if (current.trim() === '*') return;
  const names = current.split(',').map((name) => name.trim()).filter(Boolean);
  if (!names.some((name) => name.toLowerCase() === 'accept-encoding')) res.setHeader('Vary', [...names, 'Accept-Encoding'].join(', '));
}

function encoder(encoding: Encoding, length: number | undefined): BrotliCompress | Gzip {
  if (encoding === 'gzip') return createGzip({ level: 6 });
  // Quality 5 rather than brotli's default 11: pages are compressed on every render, and 11 costs tens of ms
  // for a few percent; the size hint lets brotli pick its window.
  const params: Record<number, number> = { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT };
  if (length !== undefined) params[constants.BROTLI_PARAM_SIZE_HINT] = length;
  return createBrotliCompress({ params });
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Callback = (error?: Error | null) => void;

function toBuffer(chunk: unknown, encoding?: BufferEncoding): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), encoding);
}

/**
 * Wrap a node `http` handler so that its answers are compressed as described above. The handler's response
 * is intercepted at writeHead/write/end (the way Express's `compression` does it): headers are held until the
 * first THRESHOLD bytes or the end of the body tell whether it is worth encoding.
 */
export function compressing(handler: Handler): Handler {
  return (req, res) => {
    const accepted = negotiateEncoding(req.headers['accept-encoding']);
    // the real methods, bound before they are replaced below, in the one shape each is called with here
    const original = {
      writeHead: res.writeHead.bind(res) as (status: number, reason?: string) => ServerResponse,
      write: res.write.bind(res) as (chunk: Buffer, callback?: Callback) => boolean,
      end: res.end.bind(res) as () => ServerResponse,
      on: res.on.bind(res) as (event: string | symbol, listener: (...args: unknown[]) => void) => ServerResponse,
    };
    let decided = false;
    let held: Buffer[] = [];
    let heldBytes = 0;
    let stream: BrotliCompress | Gzip | undefined;

    /** Settle headers and encoding, then send the held head and bytes. `total` is the whole body when it ended. */
    const decide = (total: number | undefined): void => {
      if (decided) return;
      decided = true;
      const declared = res.getHeader('content-length');
      const out: Outgoing = {
        status: res.statusCode,
        contentType: res.getHeader('content-type'),
        contentEncoding: res.getHeader('content-encoding'),
        cacheControl: res.getHeader('cache-control'),
        length: declared !== undefined ? Number(declared) : total,
      };
      if (varies(out)) addVary(res);
      const encoding = encodingFor(out, accepted);
      if (encoding) {
        res.setHeader('Content-Encoding', encoding);
        res.removeHeader('Content-Length');
        const etag = res.getHeader('etag');
        if (typeof etag === 'string') res.setHeader('ETag', weakened(etag));
        stream = encoder(encoding, out.length);
        const zlibStream = stream;
        zlibStream.on('data', (chunk: Buffer) => {
          if (!original.write(chunk)) zlibStream.pause();
        });
        original.on('drain', () => zlibStream.resume());
        zlibStream.on('end', () => original.end());
        zlibStream.on('error', (error) => res.destroy(error));
        // a reader who leaves mid-answer: drop the encoder's buffers rather than keep them paused forever
        original.on('close', () => zlibStream.destroy());
      }
      original.writeHead(res.statusCode, res.statusMessage);
      const bytes = held.length === 1 ? held[0] : Buffer.concat(held);
      held = [];
      if (bytes && bytes.length) {
        if (stream) stream.write(bytes);
        else original.write(bytes);
      }
    };

    res.writeHead = function writeHead(this: ServerResponse, status: number, ...rest: unknown[]) {
      // (status, [reason], [headers]): apply them to the response now, send them when the encoding is settled
      const reason = typeof rest[0] === 'string' ? rest.shift() : undefined;
      const headers = rest[0];
      this.statusCode = status;
      if (typeof reason === 'string') this.statusMessage = reason;
      if (Array.isArray(headers)) {
        // a flat [name, value, name, value…] list or a list of [name, value] pairs
        const pairs: [string, string][] = Array.isArray(headers[0])
          ? (headers as [string, string][])
          : Array.from({ length: headers.length / 2 }, (_, i) => [String(headers[2 * i]), String(headers[2 * i + 1])]);
        for (const [name, value] of pairs) this.appendHeader(name, value);
      } else if (headers && typeof headers === 'object') {
        for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.setHeader(name, value as string | string[]);
      }
      return this;
    } as ServerResponse['writeHead'];

    res.write = function write(this: ServerResponse, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
      const cb = (typeof encoding === 'function' ? encoding : callback) as Callback | undefined;
      const bytes = toBuffer(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined);
      if (!decided) {
        held.push(bytes);
        heldBytes += bytes.length;
        // a declared length settles it at once; otherwise the first THRESHOLD bytes do
        if (heldBytes >= THRESHOLD || this.hasHeader('content-length')) decide(undefined);
        if (cb) process.nextTick(cb);
        return true;
      }
      if (stream) return stream.write(bytes, cb);
      return original.write(bytes, cb);
    } as ServerResponse['write'];

    res.end = function end(this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown): ServerResponse {
      const cb = [chunk, encoding, callback].find((arg) => typeof arg === 'function') as Callback | undefined;
      if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
        const bytes = toBuffer(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined);
        if (!decided) {
          held.push(bytes);
          heldBytes += bytes.length;
        } else if (stream) stream.write(bytes);
        else original.write(bytes);
      }
      decide(heldBytes);
      if (cb) this.once('finish', () => cb());
      if (stream) stream.end();
      else original.end();
      return this;
    } as ServerResponse['end'];

    // Backpressure: whoever writes waits for `drain` of the encoder, which stops when the socket is full.
    res.on = function on(this: ServerResponse, event: string | symbol, listener: (...args: unknown[]) => void) {
      if (event === 'drain' && stream) {
        stream.on('drain', listener);
        return this;
      }
      return original.on(event, listener);
    } as ServerResponse['on'];

    handler(req, res);
  };
}
