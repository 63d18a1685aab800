// Pure rules of the page, tested by logic.test.ts (no React, no network).

export interface Catalogue {
  sections: { name: string; label: string; description?: string; permissions: string[] }[];
  permissions: { name: string; description?: string; sections: string[] }[];
  /** R-LEVEL-1: areas granted at one level of their scale, lowest first (`role` null: the level grants nothing). */
  areas?: Area[];
  /** R-LEVEL-3: held by the account owner alone, never in a group or a personal grant. */
  ownerOnly?: string[];
}

export interface Area {
  name: string;
  levels: { name: string; role: string | null; description?: string; permissions: string[] }[];
}

/** Each area's level by area name, as the API's `levels` (R-LEVEL-1). */
export type Levels = Record<string, string>;

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
    manageIntegrations: holds('org-settings:integrations'),
    changeSettings: me.owner,
  };
}

/** What an integration's editor sends (R-API-1): only the fields that differ from the integration as loaded. */
export interface IntegrationFields {
  name: string;
  description?: string | null;
  status: string;
  permissionGroups: string[];
}

export function integrationChanges(loaded: IntegrationFields, edited: IntegrationFields): Partial<IntegrationFields> {
  const changes: Partial<IntegrationFields> = {};
  if (edited.name !== loaded.name) changes.name = edited.name;
  if ((edited.description ?? '') !== (loaded.description ?? '')) changes.description = edited.description ?? '';
  if (edited.status !== loaded.status) changes.status = edited.status;
  const sameGroups = edited.permissionGroups.length === loaded.permissionGroups.length
    && edited.permissionGroups.every((g) => loaded.permissionGroups.includes(g));
  if (!sameGroups) changes.permissionGroups = edited.permissionGroups;
  return changes;
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

/** The roles of areas' levels: chosen as one level per area, never one by one (R-LEVEL-1). */
export function levelRoles(catalogue: Catalogue): Set<string> {
  return new Set((catalogue.areas ?? []).flatMap((a) => a.levels.map((l) => l.role).filter((r): r is string => !!r)));
}

export function isOwnerOnly(catalogue: Catalogue, permission: string): boolean {
  return (catalogue.ownerOnly ?? []).includes(permission);
}

/** A section holding an owner-only permission cannot go into a group whole (R-LEVEL-3). */
function wholeSectionAllowed(catalogue: Catalogue, members: string[]): boolean {
  return !members.some((p) => isOwnerOnly(catalogue, p));
}

/**
 * Toggling a section whole grants the section itself (so permissions added to it later come along);
 * one holding an owner-only permission, its other permissions one by one.
 */
export function toggleSection(catalogue: Catalogue, grants: string[], section: string, on: boolean): string[] {
  const members = catalogue.sections.find((s) => s.name === section)?.permissions ?? [];
  const rest = grants.filter((g) => g !== section && !members.includes(g));
  if (!on) return sorted(rest);
  return sorted(wholeSectionAllowed(catalogue, members) ? [...rest, section]
    : [...rest, ...members.filter((p) => !isOwnerOnly(catalogue, p))]);
}

/**
 * Toggling one permission. Turning one off inside a section granted whole keeps the section's other
 * permissions, one by one.
 */
export function togglePermission(catalogue: Catalogue, grants: string[], permission: string, on: boolean): string[] {
  if (on) return isGranted(catalogue, grants, permission) || isOwnerOnly(catalogue, permission) ? grants : sorted([...grants, permission]);
  let next = grants.filter((g) => g !== permission);
  for (const section of catalogue.sections) {
    if (next.includes(section.name) && section.permissions.includes(permission)) {
      next = [...next.filter((g) => g !== section.name), ...section.permissions.filter((p) => p !== permission)];
    }
  }
  return sorted(next.filter((g) => g !== permission));
}

/** The permissions chosen one by one on the editor: neither owner-only nor an area's level role. */
export function singlePermissions(catalogue: Catalogue): string[] {
  const levels = levelRoles(catalogue);
  return catalogue.permissions.map((p) => p.name).filter((p) => !levels.has(p) && !isOwnerOnly(catalogue, p));
}

/** A group's grants as the editor keeps them: without its level roles, which `levels` says (R-LEVEL-1). */
export function grantsWithoutLevels(catalogue: Catalogue, grants: string[]): string[] {
  const levels = levelRoles(catalogue);
  return grants.filter((g) => !levels.has(g));
}

/** Each area at its lowest level when that grants nothing; an area whose lowest level is a role stays unset. */
export function lowestLevels(catalogue: Catalogue): Levels {
  return Object.fromEntries((catalogue.areas ?? []).filter((a) => a.levels[0] && !a.levels[0].role).map((a) => [a.name, a.levels[0].name]));
}

/** Personal grants (role names) as the editor shows them: each area's level and the other grants (R-LEVEL-4). */
export function splitPersonalGrants(catalogue: Catalogue, grants: string[]): { levels: Levels; permissions: string[] } {
  const levels: Levels = {};
  for (const area of catalogue.areas ?? []) {
    const held = area.levels.filter((l) => l.role && grants.includes(l.role));
    if (held.length) levels[area.name] = held[held.length - 1].name;
  }
  return { levels, permissions: grantsWithoutLevels(catalogue, grants) };
}

/**
 * "Toggle all": every section whole (and permissions in no section) with every area at its highest
 * level, or nothing; never an owner-only permission (R-LEVEL-3), which the API refuses in a group.
 */
export function toggleAll(catalogue: Catalogue, on: boolean): { grants: string[]; levels: Levels } {
  if (!on) return { grants: [], levels: lowestLevels(catalogue) };
  const single = new Set(singlePermissions(catalogue));
  let grants: string[] = catalogue.permissions.filter((p) => p.sections.length === 0 && single.has(p.name)).map((p) => p.name);
  for (const section of catalogue.sections) grants = toggleSection(catalogue, grants, section.name, true);
  const levels = Object.fromEntries((catalogue.areas ?? []).map((a) => [a.name, a.levels[a.levels.length - 1].name]));
  return { grants: sorted(grants), levels };
}

/** Everything a group can hold is on: every single permission, every area at its highest level. */
export function allGranted(catalogue: Catalogue, grants: string[], levels: Levels = {}): boolean {
  const single = singlePermissions(catalogue);
  return single.length + (catalogue.areas?.length ?? 0) > 0
    && single.every((p) => isGranted(catalogue, grants, p))
    && (catalogue.areas ?? []).every((a) => levels[a.name] === a.levels[a.levels.length - 1].name);
}

/** Nothing is on: no grant, every area unset or at a level that grants nothing. */
export function noneGranted(catalogue: Catalogue, grants: string[], levels: Levels = {}): boolean {
  return grants.length === 0 && (catalogue.areas ?? []).every((a) => !a.levels.find((l) => l.name === levels[a.name])?.role);
}

/** Which form field an API refusal concerns (R-UI-3), from its error code; undefined: the whole form. */
export function fieldOfError(error: string | undefined, fields: string[]): string | undefined {
  if (!error) return undefined;
  const match = /^(?:missing|invalid|unknown)_(.+)$|^(.+)_not_editable$/.exec(error);
  const name = match?.[1] ?? match?.[2];
  if (name === 'permission_group') return fields.includes('permissionGroups') ? 'permissionGroups' : undefined;
  if (name === 'permission') return fields.includes('permissions') ? 'permissions' : undefined;
  if (name === 'area' || name === 'level' || error === 'level_conflict') return fields.includes('levels') ? 'levels' : undefined;
  if (error === 'owner_only_permission') return fields.includes('permissions') ? 'permissions' : undefined;
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
