// Pure rules of the page, tested by logic.test.ts (no React, no network).

export interface Catalogue {
  sections: { name: string; label: string; description?: string; permissions: string[] }[];
  permissions: { name: string; description?: string; sections: string[] }[];
}

export interface Me {
  userId: string;
  username: string;
  firstName?: string;
  lastName?: string;
  owner: boolean;
  status: string;
  pinMode: string;
  permissionGroups: string[];
  permissions: string[];
}

export interface OrganizationChoice {
  id: string;
  alias: string;
  name: string;
}

/** What the caller may do on the page, from `me` (R-UI-3); the API checks again. */
export function abilities(me: Me) {
  const holds = (permission: string) => me.owner || me.permissions.includes(permission);
  return {
    manageAdministrators: holds('org-settings:administrators'),
    managePermissionGroups: holds('org-settings:manage-permissions'),
    changeSettings: me.owner,
  };
}

/**
 * The organizations the signed-in user administers, from the access token's administrator claim
 * (docs/tokens.md): one organization `{organization: {...}}` or several `{organizations: {alias: {...}}}`.
 */
export function organizationsFromClaim(claim: unknown): OrganizationChoice[] {
  if (!claim || typeof claim !== 'object') return [];
  const value = claim as Record<string, unknown>;
  const entries: unknown[] = value.organizations && typeof value.organizations === 'object'
    ? Object.values(value.organizations as Record<string, unknown>)
    : [value];
  return entries
    .map((entry) => (entry as { organization?: OrganizationChoice })?.organization)
    .filter((org): org is OrganizationChoice => !!org && typeof org.id === 'string')
    .map(({ id, alias, name }) => ({ id, alias, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** en or fr: the user's choice on the page, else the Keycloak user's locale, else the browser's. */
export function pickLanguage(...candidates: (string | undefined | null)[]): 'en' | 'fr' {
  for (const candidate of candidates) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0];
    if (language === 'fr' || language === 'en') return language;
  }
  return 'en';
}

/** A section is on when granted whole; partly on when some of its permissions are granted. */
export type SectionState = 'whole' | 'some' | 'none';

/** Whether a permission is granted: by name, or through a section granted whole. */
export function isGranted(catalogue: Catalogue, grants: string[], permission: string): boolean {
  if (grants.includes(permission)) return true;
  return catalogue.sections.some((s) => grants.includes(s.name) && s.permissions.includes(permission));
}

export function sectionState(catalogue: Catalogue, grants: string[], section: string): SectionState {
  if (grants.includes(section)) return 'whole';
  const members = catalogue.sections.find((s) => s.name === section)?.permissions ?? [];
  return members.some((p) => isGranted(catalogue, grants, p)) ? 'some' : 'none';
}

/** Toggling a section whole grants the section itself (so permissions added to it later come along). */
export function toggleSection(catalogue: Catalogue, grants: string[], section: string, on: boolean): string[] {
  const members = catalogue.sections.find((s) => s.name === section)?.permissions ?? [];
  const rest = grants.filter((g) => g !== section && !members.includes(g));
  return sorted(on ? [...rest, section] : rest);
}

/**
 * Toggling one permission. Turning one off inside a section granted whole keeps the section's other
 * permissions, one by one.
 */
export function togglePermission(catalogue: Catalogue, grants: string[], permission: string, on: boolean): string[] {
  if (on) return isGranted(catalogue, grants, permission) ? grants : sorted([...grants, permission]);
  let next = grants.filter((g) => g !== permission);
  for (const section of catalogue.sections) {
    if (next.includes(section.name) && section.permissions.includes(permission)) {
      next = [...next.filter((g) => g !== section.name), ...section.permissions.filter((p) => p !== permission)];
    }
  }
  return sorted(next.filter((g) => g !== permission));
}

/** "Toggle all": every section whole (and permissions in no section), or nothing. */
export function toggleAll(catalogue: Catalogue, on: boolean): string[] {
  if (!on) return [];
  const loose = catalogue.permissions.filter((p) => p.sections.length === 0).map((p) => p.name);
  return sorted([...catalogue.sections.map((s) => s.name), ...loose]);
}

export function allGranted(catalogue: Catalogue, grants: string[]): boolean {
  return catalogue.permissions.length > 0 && catalogue.permissions.every((p) => isGranted(catalogue, grants, p.name));
}

/** Which form field an API refusal concerns (R-UI-3), from its error code; undefined: the whole form. */
export function fieldOfError(error: string | undefined, fields: string[]): string | undefined {
  if (!error) return undefined;
  const match = /^(?:missing|invalid|unknown)_(.+)$|^(.+)_not_editable$/.exec(error);
  const name = match?.[1] ?? match?.[2];
  if (name === 'permission_group') return fields.includes('permissionGroups') ? 'permissionGroups' : undefined;
  if (name === 'permission') return fields.includes('permissions') ? 'permissions' : undefined;
  if (error === 'permission_group_exists') return fields.includes('name') ? 'name' : undefined;
  if (error === 'escalation') return fields.includes('permissionGroups') ? 'permissionGroups'
    : fields.includes('permissions') ? 'permissions' : undefined;
  if (error === 'pin_length_too_short') return fields.includes('pinLength') ? 'pinLength' : undefined;
  return name && fields.includes(name) ? name : undefined;
}

/** Server paging without a total: a full page means there may be more. */
export function paging(first: number, max: number, received: number) {
  return { hasPrevious: first > 0, hasNext: received === max, from: received === 0 ? 0 : first + 1, to: first + received };
}

/** The fields an edit may send: the owner's record takes only names and PIN settings (R-OWNER-3). */
export function editableFields(target: { owner: boolean; userId: string }, me: Me): string[] {
  if (target.owner) return ['firstName', 'lastName', 'pinMode'];
  if (target.userId === me.userId) return ['firstName', 'lastName', 'pinMode'];
  return ['firstName', 'lastName', 'pinMode', 'status', 'permissionGroups'];
}

function sorted(values: string[]) {
  return [...new Set(values)].sort();
}

/** The number and the detail (after a colon) an API message names, for saying it in another language. */
export function messageFacts(message: string): { count: string; detail: string } {
  const colon = message.indexOf(': ');
  return { count: /\d+/.exec(message)?.[0] ?? '', detail: colon >= 0 ? message.slice(colon + 2).replace(/\.$/, '') : '' };
}
