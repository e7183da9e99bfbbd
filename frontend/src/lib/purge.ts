/**
 * `POST /_purge`: Django (cms/headless/frontend_cache.py, from a task after a publish) names the paths that went stale.
 * The body `{"paths": ["/en/guide/", "/en/examples/*", …]}` is signed with HMAC-SHA256 over `<timestamp>.<body>`
 * with the secret both sides share (FRONTEND_PURGE_SECRET), in `X-Purge-Timestamp` / `X-Purge-Signature` (hex).
 * A signature older than five minutes is refused, so a captured request cannot be replayed later. Replaying
 * one within that window only purges again, which is harmless. Without a secret the endpoint does not exist.
 *
 * The answers are for Django's task log, not for readers: short English JSON.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const PURGE_PATH = '/_purge';
export const MAX_AGE_SECONDS = 300;
const MAX_BODY_BYTES = 64 * 1024;
const MAX_PATHS = 2000;

export function sign(secret: string, timestamp: string, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export function signatureValid(secret: string, timestamp: string | null, signature: string | null, body: Uint8Array, nowSeconds: number): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_AGE_SECONDS) return false;
  const expected = Buffer.from(sign(secret, timestamp, body), 'hex');
  const given = Buffer.from(signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The paths of a purge body, or undefined when it is not `{"paths": [absolute paths]}`. */
export function parsePaths(body: Uint8Array): string[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || !('paths' in data)) return undefined;
  const paths = (data as { paths: unknown }).paths;
  if (!Array.isArray(paths) || paths.length > MAX_PATHS) return undefined;
  if (!paths.every((path) => typeof path === 'string' && path.startsWith('/') && path.length <= 2048)) return undefined;
  return paths as string[];
}

function answer(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

export async function handlePurge(
  request: Request,
  secret: string | undefined,
  purge: (paths: string[]) => number,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Promise<Response> {
  if (!secret) return answer(404, { detail: 'Purging is not configured here (no FRONTEND_PURGE_SECRET).' });
  if (request.method !== 'POST') return answer(405, { detail: 'Use POST.' });
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return answer(413, { detail: 'The purge body is too large.' });
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > MAX_BODY_BYTES) return answer(413, { detail: 'The purge body is too large.' });
  const valid = signatureValid(secret, request.headers.get('x-purge-timestamp'), request.headers.get('x-purge-signature'), body, nowSeconds);
  if (!valid) return answer(403, { detail: 'Missing, wrong or expired signature.' });
  const paths = parsePaths(body);
  if (!paths) return answer(400, { detail: 'The body must be {"paths": [...]} with absolute paths ("/en/…", "/en/examples/*").' });
  return answer(200, { purged: purge(paths) });
}
