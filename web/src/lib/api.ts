// The one place that talks to nabijd's JSON API (/api/v1). Keeps the CSRF token in memory and
// sends it on every request that is not a GET (docs/accounts.md).
import { dutchError, fieldMessage, type ApiErrorBody } from './errors';

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public body: ApiErrorBody | null,
  ) {
    super(dutchError(status, body));
  }
  get field(): string | undefined {
    return this.body?.field;
  }
  /** Short text for next to the field named by `field`. */
  get fieldText(): string {
    return fieldMessage(this.body ?? {});
  }
}

/** Called when any request answers 401 (the session ended): the app shows the login screen. */
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(f: () => void): void {
  onUnauthenticated = f;
}

export interface RequestOptions {
  screen?: string; // X-Nabij-Screen: written to the access log
  quiet401?: boolean; // a 401 is expected (the login itself, the first "who am I")
}

export async function api<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (opts.screen) headers['X-Nabij-Screen'] = opts.screen;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (res.status === 204) return undefined as T;
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = (json as { error?: ApiErrorBody } | null)?.error ?? null;
    if (res.status === 401 && !opts.quiet401) onUnauthenticated();
    throw new ApiError(res.status, err);
  }
  return json as T;
}

export interface Session {
  user: string;
  role: string;
  role_name: string;
  must_change_password: boolean;
  csrf_token: string;
}
