/**
 * The browser sees one origin: /api/, /_allauth/, /documents/ and /media/ are passed to Django (BACKEND_URL) by the
 * Astro server, with Cache-Control set where Django left it out.
 */
import { backendUrl, CLIENT_IP_HEADER, clientHeaders, PROXY_SECRET_HEADER } from './backend.ts';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  // ours to set, never the browser's
  CLIENT_IP_HEADER,
  PROXY_SECRET_HEADER,
]);

/** Files are relayed without the reader's credentials: the site only ever serves public files, and a private
 * attachment (in moderation) is reachable only through Django's permission-checked view on its own origin. */
const ANONYMOUS_PREFIXES = ['/documents/', '/media/'];
const CREDENTIALS = ['cookie', 'authorization', 'x-csrftoken', 'x-session-token'];

/** Cache-Control for a proxied response that has none of its own. */
export function defaultCacheControl(pathname: string, method: string, status: number): string {
  if ((method !== 'GET' && method !== 'HEAD') || status >= 400) return 'no-store';
  if (pathname.startsWith('/media/')) return 'public, max-age=86400';
  // Documents go through Wagtail's permission checks: never store them in shared caches.
  if (pathname.startsWith('/documents/')) return 'private, max-age=300';
  if (pathname.startsWith('/api/')) return 'public, max-age=60, stale-while-revalidate=300';
  return 'no-store';
}

export async function proxyToBackend(request: Request, clientAddress: string | undefined): Promise<Response> {
  const incoming = new URL(request.url);
  const target = backendUrl() + incoming.pathname + incoming.search;
  const headers = new Headers();
  request.headers.forEach((value, key) => {
    if (!HOP_BY_HOP.has(key.toLowerCase())) headers.set(key, value);
  });
  if (ANONYMOUS_PREFIXES.some((prefix) => incoming.pathname.startsWith(prefix))) {
    for (const name of CREDENTIALS) headers.delete(name);
  }
  headers.set('x-forwarded-host', incoming.host);
  headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));
  for (const [name, value] of Object.entries(clientHeaders(clientAddress))) headers.set(name, value);
  headers.delete('accept-encoding'); // fetch decompresses; ask for identity so lengths and encodings agree
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    return new Response('Bad gateway: the content service did not answer.\n', {
      status: 502,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const out = new Headers();
  upstream.headers.forEach((value, key) => {
    const name = key.toLowerCase();
    if (!HOP_BY_HOP.has(name) && name !== 'content-encoding' && name !== 'set-cookie') out.set(key, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) out.append('set-cookie', cookie);
  const location = out.get('location');
  if (location?.startsWith(backendUrl())) out.set('location', location.slice(backendUrl().length) || '/');
  if (!out.has('cache-control')) {
    out.set('cache-control', defaultCacheControl(incoming.pathname, request.method, upstream.status));
  }
  if (incoming.pathname.startsWith('/api/')) {
    const vary = out.get('vary');
    if (!vary?.toLowerCase().includes('accept-language')) out.set('vary', vary ? `${vary}, Accept-Language` : 'Accept-Language');
  }
  return new Response(request.method === 'HEAD' ? null : upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: out,
  });
}
