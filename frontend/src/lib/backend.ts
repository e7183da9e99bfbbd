/** Where Django lives, seen from the Astro server (never from the browser, which sees one origin). */
export function backendUrl(): string {
  const value = process.env.BACKEND_URL || 'http://127.0.0.1:8000';
  return value.replace(/\/+$/, '');
}

export class BackendError extends Error {}

/** The API refused the request itself (a 4xx other than the `missing` ones): the reader's input is wrong, the
 * service is fine, so the page says why in the API's words instead of "temporarily unavailable". */
export class ApiRefusal extends BackendError {
  readonly status: number;
  readonly detail: string;

  constructor(status: number, detail: string, path: string) {
    super(`backend refused ${path} with ${status}: ${detail}`);
    this.status = status;
    this.detail = detail;
  }
}

/** The `detail` of an API error body (every 4xx of /api/v1/ has one), or '' when there is none. */
export async function errorDetail(response: Response): Promise<string> {
  try {
    return detailOf(await response.json());
  } catch {
    return '';
  }
}

/** The `detail` (or Wagtail's `message`) of an error body already parsed, or ''. */
export function detailOf(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const { detail, message } = body as { detail?: unknown; message?: unknown };
  const text = typeof detail === 'string' ? detail : typeof message === 'string' ? message : '';
  return text.slice(0, 500);
}

/** GET JSON from the backend with a timeout; undefined on 404 (or the other `missing` statuses), ApiRefusal on
 * another 4xx, BackendError on anything else. */
export async function getJson<T>(path: string, timeoutMs = 8000, missing: readonly number[] = [404]): Promise<T | undefined> {
  let response: Response;
  try {
    response = await fetch(backendUrl() + path, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new BackendError(`backend unreachable for ${path}: ${String(error)}`);
  }
  if (missing.includes(response.status)) return undefined;
  if (response.status >= 400 && response.status < 500) {
    throw new ApiRefusal(response.status, await errorDetail(response), path);
  }
  if (!response.ok) throw new BackendError(`backend answered ${response.status} for ${path}`);
  return (await response.json()) as T;
}

/**
 * Django sees every request come from this server; these headers tell it which reader a request is for, so that
 * its per-address limits (allauth's sign-in rate limits) count each reader apart. Django believes them only with
 * the secret both sides share (FRONTEND_PROXY_SECRET, cms/accounts/client_ip.py); without it nothing is sent.
 */
export const CLIENT_IP_HEADER = 'x-gcm-client-ip';
export const PROXY_SECRET_HEADER = 'x-gcm-proxy-secret';

export function clientHeaders(clientAddress: string | undefined): Record<string, string> {
  const secret = process.env.FRONTEND_PROXY_SECRET;
  if (!secret || !clientAddress) return {};
  return { [CLIENT_IP_HEADER]: clientAddress, [PROXY_SECRET_HEADER]: secret };
}

/** The reader's address (the socket's peer; Astro reads X-Forwarded-For only for `security.allowedDomains`). */
export function clientAddressOf(context: { clientAddress: string }): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined; // Astro throws where the adapter knows no address
  }
}
