import { describe, expect, it } from 'vitest';
import {
  abilities, allGranted, integrationChanges, Catalogue, editableFields, fieldOfError, isGranted, Me, organizationsFromClaim, paging,
  messageFacts, pickLanguage, sectionState, toggleAll, togglePermission, toggleSection,
  grantsWithoutLevels, isOwnerOnly, levelRoles, noneGranted, singlePermissions, splitPersonalGrants,
} from './logic';

const catalogue: Catalogue = {
  sections: [
    { name: 'pos', label: 'Point of sale', permissions: ['pos:refund', 'pos:sell'] },
    { name: 'store', label: 'Store', permissions: ['store:override-restrictions'] },
  ],
  permissions: [
    { name: 'pos:refund', sections: ['pos'] },
    { name: 'pos:sell', sections: ['pos'] },
    { name: 'reports', sections: [] },
    { name: 'store:override-restrictions', sections: ['store'] },
  ],
};

const me = (over: Partial<Me>): Me => ({
  userId: 'u1', username: 'ana', owner: false, status: 'ACTIVE', pinMode: 'NONE', permissionGroups: [], permissions: [], ...over,
});

describe('R-UI-2: permission group sections toggle whole or one by one', () => {
  it('a section toggled whole grants the section itself', () => {
    const grants = toggleSection(catalogue, ['pos:sell', 'reports'], 'pos', true);
    expect(grants).toEqual(['pos', 'reports']);
    expect(sectionState(catalogue, grants, 'pos')).toBe('whole');
    expect(isGranted(catalogue, grants, 'pos:refund')).toBe(true);
  });

  it('one permission off inside a whole section keeps the others one by one', () => {
    const grants = togglePermission(catalogue, ['pos'], 'pos:refund', false);
    expect(grants).toEqual(['pos:sell']);
    expect(sectionState(catalogue, grants, 'pos')).toBe('some');
  });

  it('a permission toggled on is granted by name, once', () => {
    expect(togglePermission(catalogue, [], 'reports', true)).toEqual(['reports']);
    expect(togglePermission(catalogue, ['pos'], 'pos:sell', true)).toEqual(['pos']);
  });

  it('a section toggled off removes it and its permissions', () => {
    expect(toggleSection(catalogue, ['pos:sell', 'store'], 'pos', false)).toEqual(['store']);
    expect(sectionState(catalogue, ['store'], 'pos')).toBe('none');
  });

  it('toggle all grants every section whole and loose permissions, or nothing', () => {
    const all = toggleAll(catalogue, true);
    expect(all).toEqual({ grants: ['pos', 'reports', 'store'], levels: {} });
    expect(allGranted(catalogue, all.grants)).toBe(true);
    expect(allGranted(catalogue, ['pos'])).toBe(false);
    expect(toggleAll(catalogue, false)).toEqual({ grants: [], levels: {} });
  });
});

const levelled: Catalogue = {
  sections: [
    { name: 'pos', label: 'Point of sale', permissions: ['pos:sell'] },
    { name: 'account', label: 'Account', permissions: ['account:close', 'account:invoices'] },
  ],
  permissions: [
    { name: 'account:close', sections: ['account'] },
    { name: 'account:invoices', sections: ['account'] },
    { name: 'account:subscription', sections: [] },
    { name: 'finance:manage', sections: [] },
    { name: 'finance:view', sections: [] },
    { name: 'pos:sell', sections: ['pos'] },
    { name: 'time-entry:self', sections: [] },
    { name: 'time-entry:self-and-others', sections: [] },
  ],
  areas: [
    { name: 'finance', levels: [{ name: 'none', role: null, permissions: [] },
      { name: 'view', role: 'finance:view', permissions: ['finance:view'] },
      { name: 'manage', role: 'finance:manage', permissions: ['finance:manage', 'finance:view'] }] },
    { name: 'time-entry', levels: [{ name: 'self', role: 'time-entry:self', permissions: ['time-entry:self'] },
      { name: 'self-and-others', role: 'time-entry:self-and-others', permissions: ['time-entry:self', 'time-entry:self-and-others'] }] },
  ],
  ownerOnly: ['account:close', 'account:subscription'],
};

describe('R-LEVEL-1, R-LEVEL-3: levels chosen per area, owner-only permissions never in a group', () => {
  it('toggle all leaves out owner-only permissions, grants a section holding one by its other permissions, sets each area to its top', () => {
    const all = toggleAll(levelled, true);
    expect(all).toEqual({ grants: ['account:invoices', 'pos'], levels: { finance: 'manage', 'time-entry': 'self-and-others' } });
    expect(allGranted(levelled, all.grants, all.levels)).toBe(true);
    expect(allGranted(levelled, all.grants, { finance: 'view', 'time-entry': 'self-and-others' })).toBe(false);
  });

  it('toggle all off: no grant, areas at a level granting nothing or unset', () => {
    const none = toggleAll(levelled, false);
    expect(none).toEqual({ grants: [], levels: { finance: 'none' } });
    expect(noneGranted(levelled, none.grants, none.levels)).toBe(true);
    expect(noneGranted(levelled, [], { finance: 'view' })).toBe(false);
  });

  it('an owner-only permission cannot be toggled on; a section holding one is granted by its other permissions', () => {
    expect(togglePermission(levelled, [], 'account:subscription', true)).toEqual([]);
    expect(toggleSection(levelled, [], 'account', true)).toEqual(['account:invoices']);
    expect(isOwnerOnly(levelled, 'account:close')).toBe(true);
  });

  it('level roles are chosen per area, not one by one: the editor keeps them out of its grants', () => {
    expect(singlePermissions(levelled)).toEqual(['account:invoices', 'pos:sell']);
    expect(grantsWithoutLevels(levelled, ['finance:view', 'pos'])).toEqual(['pos']);
    expect(levelRoles(levelled)).toEqual(new Set(['finance:view', 'finance:manage', 'time-entry:self', 'time-entry:self-and-others']));
  });

  it('R-LEVEL-4: personal grants split into each area\'s level and the other grants', () => {
    expect(splitPersonalGrants(levelled, ['finance:view', 'pos:sell'])).toEqual({ levels: { finance: 'view' }, permissions: ['pos:sell'] });
    expect(splitPersonalGrants(levelled, [])).toEqual({ levels: {}, permissions: [] });
  });

  it('level refusals belong to the levels, owner-only refusals to the permissions', () => {
    const fields = ['name', 'permissions', 'levels'];
    expect(fieldOfError('unknown_level', fields)).toBe('levels');
    expect(fieldOfError('level_conflict', fields)).toBe('levels');
    expect(fieldOfError('owner_only_permission', fields)).toBe('permissions');
  });
});

describe('R-UI-3: each screen offers only what me allows', () => {
  it('the owner may do everything', () => {
    expect(abilities(me({ owner: true }))).toEqual({ manageAdministrators: true, managePermissionGroups: true, manageIntegrations: true, changeSettings: true });
  });

  it('an administrator without org-settings:manage-permissions edits no groups', () => {
    expect(abilities(me({ permissions: ['org-settings:administrators'] })))
      .toEqual({ manageAdministrators: true, managePermissionGroups: false, manageIntegrations: false, changeSettings: false });
  });

  it('the owner record and one\'s own record offer names and PIN only', () => {
    expect(editableFields({ owner: true, userId: 'o' }, me({}))).toEqual(['firstName', 'lastName', 'pinMode']);
    expect(editableFields({ owner: false, userId: 'u1' }, me({}))).not.toContain('permissionGroups');
    expect(editableFields({ owner: false, userId: 'u2' }, me({}))).toContain('status');
  });

  it('refusals land beside the field they concern', () => {
    const fields = ['email', 'firstName', 'permissionGroups', 'name', 'permissions', 'pinLength'];
    expect(fieldOfError('invalid_email', fields)).toBe('email');
    expect(fieldOfError('missing_firstName', fields)).toBe('firstName');
    expect(fieldOfError('email_not_editable', fields)).toBe('email');
    expect(fieldOfError('unknown_permission_group', fields)).toBe('permissionGroups');
    expect(fieldOfError('escalation', ['permissionGroups'])).toBe('permissionGroups');
    expect(fieldOfError('permission_group_exists', fields)).toBe('name');
    expect(fieldOfError('pin_length_too_short', fields)).toBe('pinLength');
    expect(fieldOfError('administrator_exists', fields)).toBeUndefined();
  });
});

describe('R-UI-2: organization switcher and paging', () => {
  it('reads one organization or several from the administrator claim', () => {
    const one = { organization: { id: '1', alias: 'a', name: 'Alpha' }, owner: true };
    expect(organizationsFromClaim(one)).toEqual([{ id: '1', alias: 'a', name: 'Alpha' }]);
    const several = { organizations: { b: { organization: { id: '2', alias: 'b', name: 'Beta' } }, a: one } };
    expect(organizationsFromClaim(several).map((o) => o.name)).toEqual(['Alpha', 'Beta']);
    expect(organizationsFromClaim(undefined)).toEqual([]);
  });

  it('server paging without a total: a full page may have a next one', () => {
    expect(paging(0, 20, 20)).toEqual({ hasPrevious: false, hasNext: true, from: 1, to: 20 });
    expect(paging(20, 20, 3)).toEqual({ hasPrevious: true, hasNext: false, from: 21, to: 23 });
  });
});

describe('R-UI-4: language', () => {
  it('follows the chosen language, then the Keycloak locale, then the browser', () => {
    expect(pickLanguage(undefined, 'fr-CA', 'en')).toBe('fr');
    expect(pickLanguage('en', 'fr')).toBe('en');
    expect(pickLanguage(null, 'de', 'fr_FR')).toBe('fr');
    expect(pickLanguage('de')).toBe('en');
  });
});

describe('R-UI-4: refusals in French', () => {
  it('keeps the count and the detail the API names', () => {
    expect(messageFacts("The permission group 'Front' is still assigned to 3 administrators; remove it from them before deleting it."))
      .toEqual({ count: '3', detail: '' });
    expect(messageFacts('You cannot grant permissions you do not hold yourself: finance:reports-own.'))
      .toEqual({ count: '', detail: 'finance:reports-own' });
  });
});

describe('R-API-1: integrations on the page', () => {
  it('org-settings:integrations (or the owner) manages integrations', () => {
    expect(abilities(me({ permissions: ['org-settings:integrations'] })).manageIntegrations).toBe(true);
    expect(abilities(me({ permissions: ['org-settings:administrators', 'pos:sell'] })).manageIntegrations).toBe(false);
  });

  it('an edit sends only what changed, so deactivating does not touch the groups', () => {
    const loaded = { name: 'Sync', description: null, status: 'ACTIVE', permissionGroups: ['Accountant', 'Front staff'] };
    expect(integrationChanges(loaded, { ...loaded, status: 'INACTIVE' })).toEqual({ status: 'INACTIVE' });
    expect(integrationChanges(loaded, { ...loaded, permissionGroups: ['Front staff', 'Accountant'] })).toEqual({});
    expect(integrationChanges(loaded, { ...loaded, description: '' })).toEqual({});
    expect(integrationChanges(loaded, { ...loaded, name: 'Ledger', permissionGroups: ['Front staff'] }))
      .toEqual({ name: 'Ledger', permissionGroups: ['Front staff'] });
  });
});
