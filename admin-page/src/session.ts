import Keycloak from 'keycloak-js';

export interface PageConfig {
  authServerUrl: string;
  realm: string;
  clientId: string;
}

export interface Session {
  config: PageConfig;
  keycloak: Keycloak;
}

/** Logs in (authorization code + PKCE) and comes back to the same address (R-UI-1, R-UI-3). */
export async function startSession(): Promise<Session> {
  const response = await fetch('config.json', { cache: 'no-store' });
  const config = (await response.json()) as PageConfig;
  const keycloak = new Keycloak({ url: config.authServerUrl, realm: config.realm, clientId: config.clientId });
  await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false, responseMode: 'fragment' });
  return { config, keycloak };
}

/** A fresh access token; an expired session goes through login and back to this very screen. */
export async function accessToken(session: Session): Promise<string> {
  try {
    await session.keycloak.updateToken(30);
  } catch {
    await relogin(session);
  }
  return session.keycloak.token as string;
}

export function relogin(session: Session): Promise<never> {
  return session.keycloak.login({ redirectUri: window.location.href }).then(() => new Promise<never>(() => undefined));
}

export function logout(session: Session) {
  return session.keycloak.logout({ redirectUri: new URL('.', document.baseURI).href });
}

/** Realm admins with manage-users open the page in support mode (R-CONSOLE-1). */
export function isSupport(session: Session): boolean {
  const roles = session.keycloak.tokenParsed?.resource_access?.['realm-management']?.roles ?? [];
  return roles.includes('manage-users');
}
