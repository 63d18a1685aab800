package io.backoffice.keycloak.core.rules;

import java.util.Set;
import java.util.TreeSet;

import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.ProblemException;

/**
 * Who may change what in an organization (R-AUTHZ-2..4, R-OWNER-3). The owner may do everything the
 * rules allow anyone; everybody else acts within the permissions they hold themselves, so no
 * administrator can hand out, or take from others, more than they have.
 */
public final class EscalationRules {

    private EscalationRules() {
    }

    /** R-AUTHZ-2: the actor holds {@code permission} (the owner holds every permission). */
    public static void requirePermission(AdministratorFacts actor, String permission) {
        if (!actor.owner() && !actor.permissions().contains(permission)) {
            throw ProblemException.forbidden("missing_permission", "This needs the permission '" + permission + "'.");
        }
    }

    /** R-AUTHZ-3: nobody changes their own status or permission groups. */
    public static void requireNotSelf(AdministratorFacts actor, String targetUserId, String what) {
        if (actor.userId().equals(targetUserId)) {
            throw ProblemException.forbidden("self_change_forbidden", "You cannot change your own " + what + ".");
        }
    }

    /**
     * R-AUTHZ-4: granting (a group to someone, or permissions to a group) only within the actor's own
     * permissions. The error names what the actor lacks.
     */
    public static void requireCanGrant(AdministratorFacts actor, Set<String> permissions) {
        requireHoldsAll(actor, permissions, "You cannot grant permissions you do not hold yourself: ");
    }

    /** R-AUTHZ-4: editing or deactivating an administrator who holds nothing the actor lacks. */
    public static void requireCanManage(AdministratorFacts actor, AdministratorFacts target) {
        requireHoldsAll(actor, target.permissions(), "You cannot change an administrator who holds permissions you do not: ");
    }

    private static void requireHoldsAll(AdministratorFacts actor, Set<String> permissions, String refusal) {
        if (actor.owner()) {
            return;
        }
        Set<String> lacking = new TreeSet<>(permissions);
        lacking.removeAll(actor.permissions());
        if (!lacking.isEmpty()) {
            throw ProblemException.forbidden("escalation", refusal + String.join(", ", lacking) + ".");
        }
    }

    /**
     * R-AUTHZ-4: editing or deleting a permission group only when it holds nothing the actor lacks, so
     * nobody takes from the group's holders, or renames away, permissions they could not have granted.
     */
    public static void requireCanChangeGroup(AdministratorFacts actor, Set<String> groupPermissions) {
        requireHoldsAll(actor, groupPermissions, "You cannot change a permission group that holds permissions you do not: ");
    }

    /**
     * R-OWNER-3: the owner's record changes only in name and PIN settings, by anyone.
     * {@code what} names the refused change (status, permission groups, owner flag).
     */
    public static void requireNotOwner(AdministratorFacts target, String what) {
        requireNotOwner(target.owner(), what);
    }

    /** R-OWNER-3 where the caller is an identity admin, who has no standing in the organization. */
    public static void requireNotOwner(boolean targetIsOwner, String what) {
        if (targetIsOwner) {
            throw ProblemException.forbidden("owner_protected",
                    "The account owner's " + what + " cannot be changed; only their name and PIN settings can. "
                            + "An identity admin can transfer ownership.");
        }
    }

    /** Organization-wide settings that bound everyone (the PIN length) are the owner's alone. */
    public static void requireOwner(AdministratorFacts actor, String what) {
        if (!actor.owner()) {
            throw ProblemException.forbidden("owner_only", "Only the account owner can change " + what + ".");
        }
    }
}
