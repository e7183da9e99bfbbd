/** Where Django lives, seen from the Astro server (never from the browser, which sees one origin). */
export function backendUrl(): string {
  const value = process.env.BACKEND_URL || 'http://127.0.0.1:8000';
  return value.replace(/\/+$/, '');
}

export class BackendError extends Error {}

/** GET JSON from the backend with a timeout; undefined on 404 (or the other `missing` statuses), BackendError
 * on anything else. */
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
  if (!response.ok) throw new BackendError(`backend answered ${response.status} for ${path}`);
  return (await response.json()) as T;
}
