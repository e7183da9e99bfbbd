/**
 * Accounts without client JavaScript: the Astro server receives the browser's form POST, calls django-allauth's
 * headless browser API (`/_allauth/browser/v1/…`) on Django with the browser's own cookies and the CSRF header,
 * relays Django's `Set-Cookie` back to the browser, and answers with a redirect (post/redirect/get).
 * The session and CSRF cookies are Django's, set on the site's single origin.
 */
import { backendUrl, clientHeaders } from './backend.ts';
import type { Lang, MessageKey } from './i18n.ts';

export const ALLAUTH = '/_allauth/browser/v1';

/** `a=1; b=2` → Map. */
export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (name) jar.set(name, value);
  }
  return jar;
}

/** Applies one `Set-Cookie` header to a jar: sets the value, or drops the cookie when it is expired. */
export function applySetCookie(jar: Map<string, string>, setCookie: string): void {
  const [pair = '', ...attributes] = setCookie.split(';');
  const index = pair.indexOf('=');
  if (index <= 0) return;
  const name = pair.slice(0, index).trim();
  const value = pair.slice(index + 1).trim().replace(/^"(.*)"$/, '$1');
  const expired = attributes.some((attribute) => {
    const [key = '', raw = ''] = attribute.split('=');
    const k = key.trim().toLowerCase();
    if (k === 'max-age') return Number.parseInt(raw.trim(), 10) <= 0;
    if (k === 'expires') {
      const when = Date.parse(raw.trim());
      return !Number.isNaN(when) && when <= Date.now();
    }
    return false;
  });
  if (expired || value === '') jar.delete(name);
  else jar.set(name, value);
}

export function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

export interface BackendAnswer {
  status: number;
  // allauth and the API answer JSON objects; pages read the few fields they need.
  data: Record<string, unknown>;
}

/** One browser's session with Django for the duration of a request to the Astro server. */
export class BackendSession {
  readonly jar: Map<string, string>;
  /** Set-Cookie headers from Django, to relay to the browser as they are. */
  readonly setCookies: string[] = [];

  private readonly lang: Lang;
  private readonly clientAddress: string | undefined;

  /** `clientAddress`: the reader's, which Django's per-address sign-in limits count (`clientAddressOf(Astro)`). */
  constructor(cookie: string | null, lang: Lang, clientAddress: string | undefined) {
    this.jar = parseCookieHeader(cookie);
    this.lang = lang;
    this.clientAddress = clientAddress;
  }

  async call(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<BackendAnswer> {
    const headers = new Headers(extraHeaders);
    let payload: BodyInit | undefined;
    if (body instanceof FormData) {
      // fetch writes the multipart Content-Type with the boundary of the body it encodes; any other one
      // (say, the browser's, with its own boundary) would make Django split the body wrongly.
      headers.delete('content-type');
      payload = body;
    } else if (body !== undefined) {
      headers.set('content-type', 'application/json');
      payload = JSON.stringify(body);
    }
    const response = await this.send(new Request(backendUrl() + path, { method, headers, body: payload }));
    let data: Record<string, unknown> = {};
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      const parsed: unknown = await response.json().catch(() => ({}));
      if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
    } else {
      await response.arrayBuffer().catch(() => undefined);
    }
    return { status: response.status, data };
  }

  /**
   * Sends a request to Django as this reader: their cookies, a CSRF token on unsafe methods (fetched first when
   * the browser has none yet), their language and address; Django's Set-Cookie is kept for the browser. The
   * typed client of /api/v1/ (src/api/client.ts, `sessionClient`) and `call` both go through here.
   */
  async send(request: Request): Promise<Response> {
    const unsafe = request.method !== 'GET' && request.method !== 'HEAD';
    if (unsafe && !this.jar.get('csrftoken')) await this.call('GET', `${ALLAUTH}/config`);
    const headers = new Headers(request.headers);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    if (!headers.has('accept-language')) headers.set('accept-language', this.lang);
    for (const [name, value] of Object.entries(clientHeaders(this.clientAddress))) headers.set(name, value);
    if (this.jar.size) headers.set('cookie', cookieHeader(this.jar));
    if (unsafe) headers.set('x-csrftoken', this.jar.get('csrftoken') ?? '');
    const response = await fetch(new Request(request, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) }));
    for (const setCookie of response.headers.getSetCookie()) {
      this.setCookies.push(setCookie);
      applySetCookie(this.jar, setCookie);
    }
    return response;
  }

  /** The signed-in user's e-mail, or undefined when nobody is signed in. */
  async currentUser(): Promise<{ email: string } | undefined> {
    if (!this.jar.get('sessionid')) return undefined;
    const answer = await this.call('GET', `${ALLAUTH}/auth/session`);
    if (answer.status !== 200) return undefined;
    const data = answer.data.data as { user?: { email?: string } } | undefined;
    return { email: data?.user?.email ?? '' };
  }

  /** A redirect (303: the browser follows with GET) that carries Django's cookies. */
  redirect(location: string): Response {
    const headers = new Headers({ location, 'cache-control': 'no-store' });
    for (const cookie of this.setCookies) headers.append('set-cookie', cookie);
    return new Response(null, { status: 303, headers });
  }

  /** Relays Django's cookies on a page the Astro server renders itself. */
  relayTo(headers: Headers): void {
    for (const cookie of this.setCookies) headers.append('set-cookie', cookie);
  }
}

/** An allauth error list entry: `{message, code, param}`. */
export interface FieldError {
  field: string;
  message: string;
}

const ALLAUTH_CODES: Record<string, MessageKey> = {
  email_password_mismatch: 'errorCredentials',
  email_taken: 'errorEmailTaken',
  invalid: 'errorInvalid',
  required: 'errorRequired',
  too_many_login_attempts: 'errorTooMany',
  invalid_or_expired_key: 'errorKey',
  invalid_password_reset: 'errorKey',
};

/**
 * allauth's `{errors: [{message, code, param}]}` as errors per form field ('' for the whole form). Known codes get
 * our own translated message; others keep allauth's, which Django already translated from Accept-Language.
 */
export function allauthErrors(data: Record<string, unknown>, translate: (key: MessageKey) => string): FieldError[] {
  const list = Array.isArray(data.errors) ? (data.errors as Array<Record<string, unknown>>) : [];
  const errors = list.map((entry) => {
    const code = typeof entry.code === 'string' ? entry.code : '';
    const known = ALLAUTH_CODES[code];
    const message = known ? translate(known) : typeof entry.message === 'string' && entry.message ? entry.message : translate('errorInvalid');
    return { field: typeof entry.param === 'string' ? entry.param : '', message };
  });
  return errors.length ? errors : [{ field: '', message: translate('errorGeneric') }];
}

/** Whether an allauth 401 answer is waiting for the e-mail address to be verified. */
export function pendingVerification(data: Record<string, unknown>): boolean {
  const flows = (data.data as { flows?: Array<{ id?: string; is_pending?: boolean }> } | undefined)?.flows ?? [];
  return flows.some((flow) => flow.id === 'verify_email' && flow.is_pending);
}

/** Only our own notices may be shown from the query string. */
export const NOTICES = {
  'signed-out': 'noticeSignedOut',
  'check-email': 'noticeCheckEmail',
  verified: 'noticeVerified',
  'reset-sent': 'noticeResetSent',
  'password-changed': 'noticePasswordChanged',
  'signed-in': 'noticeSignedIn',
  submitted: 'noticeSubmitted',
  withdrawn: 'noticeWithdrawn',
  revised: 'noticeRevised',
  'profile-saved': 'profileSaved',
} as const satisfies Record<string, MessageKey>;

export function noticeFrom(url: URL): MessageKey | undefined {
  const value = url.searchParams.get('notice') ?? '';
  return Object.hasOwn(NOTICES, value) ? NOTICES[value as keyof typeof NOTICES] : undefined;
}

/** A same-site path to go back to after signing in; anything else falls back to the account page. */
export function safeNext(value: string | null | undefined, lang: Lang): string {
  const fallback = `/${lang}/account/`;
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  return value;
}

/** A route parameter as the reader typed it (Astro hands some of them over still percent-encoded). */
export function decodeParam(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return value ?? '';
  }
}
