package io.backoffice.keycloak.core.rules;

import java.util.Optional;

import io.backoffice.keycloak.core.model.AccessRefusal;
import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.ProblemException;

/** R-OWNER-1, R-OWNER-4: who can become an organization's owner. */
public final class OwnerRules {

    private OwnerRules() {
    }

    /**
     * R-OWNER-4: the new owner is an active, confirmed administrator of the same organization, and
     * not the owner already: has administrator access there ({@code refusal} empty, R-AUTHZ-5).
     */
    public static void requireTransferTarget(AdministratorFacts candidate, Optional<AccessRefusal> refusal) {
        if (candidate == null) {
            throw ProblemException.badRequest("not_an_administrator",
                    "The new owner must already be an administrator of this organization.");
        }
        if (candidate.owner()) {
            throw ProblemException.conflict("already_owner", "This administrator is already the owner of the organization.");
        }
        if (refusal.isEmpty()) {
            return;
        }
        switch (refusal.get()) {
            case EMAIL_NOT_CONFIRMED -> throw ProblemException.badRequest("new_owner_unconfirmed",
                    "The new owner must have confirmed their email address.");
            case INACTIVE -> throw ProblemException.badRequest("new_owner_inactive", "The new owner must be an active administrator.");
            default -> throw ProblemException.badRequest("new_owner_without_access",
                    "The new owner must have administrator access to this organization: " + refusal.get().message());
        }
    }

    /**
     * R-DATA-2, R-OWNER-5: the refusal of anything that would leave an organization without its owner,
     * naming the organization(s), in our error shape.
     */
    public static ProblemException transferOwnershipFirst(String organizationNames) {
        return ProblemException.conflict("transfer_ownership_first",
                "The user is the owner of organization " + organizationNames + "; transfer ownership first.");
    }
}
