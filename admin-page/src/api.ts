import { refusalMessage } from './i18n';
import { accessToken, relogin, Session } from './session';

/** An API refusal: its `{"error","message"}` body (R-UI-3 shows the message where it belongs). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly error: string, message: string) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

async function call<T>(session: Session, url: string, method: string, body?: unknown): Promise<T> {
  const token = await accessToken(session);
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    return relogin(session);
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = json?.error ?? String(response.status);
    throw new ApiError(response.status, error, refusalMessage(error, json?.message ?? json?.errorMessage ?? response.statusText));
  }
  return json as T;
}

function api(session: Session, base: string): Api {
  return {
    get: (path) => call(session, base + path, 'GET'),
    send: (method, path, body) => call(session, base + path, method, body),
  };
}

/** The organization API of one organization: the only authority the page asks (R-UI-1). */
export function organizationApi(session: Session, organizationId: string): Api {
  const { authServerUrl, realm } = session.config;
  return api(session, `${authServerUrl}/realms/${encodeURIComponent(realm)}/backoffice/organizations/${encodeURIComponent(organizationId)}`);
}

/** The realm-admin extension, for support mode (R-CONSOLE-1). */
export function supportApi(session: Session): Api {
  const { authServerUrl, realm } = session.config;
  return api(session, `${authServerUrl}/admin/realms/${encodeURIComponent(realm)}/backoffice`);
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => {
    if (v !== undefined && v !== '') search.set(k, String(v));
  });
  const text = search.toString();
  return text ? `?${text}` : '';
}
