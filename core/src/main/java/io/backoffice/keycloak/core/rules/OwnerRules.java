package io.backoffice.keycloak.core.rules;

import io.backoffice.keycloak.core.ProblemException;

/** R-OWNER-1, R-OWNER-4: who can become an organization's owner. */
public final class OwnerRules {

    private OwnerRules() {
    }

    /**
     * R-OWNER-4: the new owner is an active, confirmed administrator of the same organization, and
     * not the owner already.
     */
    public static void requireTransferTarget(AdministratorFacts candidate) {
        if (candidate == null) {
            throw ProblemException.badRequest("not_an_administrator",
                    "The new owner must already be an administrator of this organization.");
        }
        if (candidate.owner()) {
            throw ProblemException.conflict("already_owner", "This administrator is already the owner of the organization.");
        }
        if (!candidate.emailVerified()) {
            throw ProblemException.badRequest("new_owner_unconfirmed",
                    "The new owner must have confirmed their email address.");
        }
        if (!candidate.hasAccess()) {
            throw ProblemException.badRequest("new_owner_inactive", "The new owner must be an active administrator.");
        }
    }

    /**
     * R-DATA-2, R-OWNER-5: the owner cannot leave the organization (as a user removed, or as a member
     * removed), or R-OWNER-1 would break. {@code organizationNames} names what they own.
     */
    public static ProblemException ownerCannotLeave(String organizationNames) {
        return ProblemException.conflict("owner_cannot_leave",
                "The user is the owner of organization " + organizationNames + "; transfer ownership first.");
    }
}
