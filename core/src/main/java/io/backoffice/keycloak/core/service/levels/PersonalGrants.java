package io.backoffice.keycloak.core.service.levels;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.AdministratorView;
import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.model.PermissionGroupInput;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.EscalationRules;
import io.backoffice.keycloak.core.rules.Permissions;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.service.groups.PermissionGroupService;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.PersonalGrantStore;

/**
 * R-LEVEL-4: personal grants: catalogue roles (single permissions, sections or area levels) given to one
 * administrator in the caller's organization only, beside their permission groups. Checked as a group
 * assignment is: {@code org-settings:administrators}, not oneself (R-AUTHZ-3), not the owner (R-OWNER-3),
 * within the caller's own permissions both for what the person holds and what they are given (R-AUTHZ-4),
 * catalogue names and levels only (R-LEVEL-1), never an owner-only permission (R-LEVEL-3).
 */
public class PersonalGrants {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdministratorService administrators;
    private final PermissionGroupService groups;
    private final PersonalGrantStore store;

    public PersonalGrants(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.administrators = new AdministratorService(session, realm);
        this.groups = new PermissionGroupService(session, realm);
        this.store = new PersonalGrantStore(session);
    }

    /** Replaces the person's personal grants in the caller's organization; {@code permissions} and {@code levels} as for a group. */
    public AdministratorView replace(Caller caller, String userId, List<String> permissions, java.util.Map<String, String> levels) {
        OrganizationModel organization = caller.organization();
        EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_ADMINISTRATORS);
        AdministratorEntity record = administrators.requireRecord(organization, userId);
        UserModel user = session.users().getUserById(realm, record.getUserId());
        if (user == null) {
            throw ProblemException.notFound("administrator_not_found", "No administrator with that id in this organization.");
        }
        String ownerId = administrators.ownerId(organization).orElse(null);
        AdministratorFacts target = administrators.standingFacts(organization, user, record, ownerId);
        EscalationRules.requireNotOwner(target, "personal grants");
        EscalationRules.requireNotSelf(caller.facts(), userId, "permissions");
        EscalationRules.requireCanManage(caller.facts(), target);
        List<RoleModel> roles = groups.requireGrantable(caller.facts(), new PermissionGroupInput(null, null,
                permissions == null ? List.of() : permissions, levels));
        store.replace(realm.getId(), organization.getId(), userId, roles.stream().map(RoleModel::getName).toList());
        return administrators.view(organization, record, ownerId).orElseThrow();
    }
}
