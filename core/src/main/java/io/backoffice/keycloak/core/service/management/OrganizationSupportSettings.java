package io.backoffice.keycloak.core.service.management;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;

import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.SupportRules;
import io.backoffice.keycloak.core.store.OrganizationSupportEntity;
import io.backoffice.keycloak.core.store.OrganizationSupportStore;

/**
 * What an identity admin grants an organization (the seed's subscription): shared accounts unlocked
 * (R-PIN-7) and administrator seats (R-ADMIN-10). The caller's realm-admin rights are checked before this.
 */
public class OrganizationSupportSettings {

    /** As the realm-admin API shows them; {@code administratorSeats} null means no limit. */
    public record View(boolean sharedAccountsUnlocked, Integer administratorSeats, long activeAdministrators, long sharedAccounts) {
    }

    /**
     * A change; an absent field stays. {@code "administratorSeats": null} removes the limit, so the
     * resource says whether the field was present ({@code seatsGiven}).
     */
    public record Change(Boolean sharedAccountsUnlocked, boolean seatsGiven, Integer administratorSeats) {
    }

    private final KeycloakSession session;
    private final OrganizationSupportStore store;

    public OrganizationSupportSettings(KeycloakSession session) {
        this.session = session;
        this.store = new OrganizationSupportStore(session);
    }

    public View view(OrganizationModel organization) {
        OrganizationSupportEntity row = store.find(organization.getId()).orElse(null);
        return new View(row != null && row.isSharedAccountsUnlocked(), row == null ? null : row.getAdministratorSeats(),
                store.countActive(organization.getId()), store.countSharedAccounts(organization.getId()));
    }

    /**
     * Both checks run on the locked row, so they see every concurrent creation, reactivation or SHARED
     * setting that committed before, and those that come after see the new values.
     */
    public View change(OrganizationModel organization, Change change) {
        if (change.sharedAccountsUnlocked() == null && !change.seatsGiven()) {
            throw ProblemException.badRequest("missing_field", "Give 'sharedAccountsUnlocked' or 'administratorSeats' (null for no limit).");
        }
        OrganizationSupportEntity row = store.lockOrCreate(session.getContext().getRealm().getId(), organization.getId());
        if (Boolean.FALSE.equals(change.sharedAccountsUnlocked()) && row.isSharedAccountsUnlocked()) {
            SupportRules.requireNoSharedAccounts(store.countSharedAccounts(organization.getId()));
        }
        if (change.seatsGiven()) {
            row.setAdministratorSeats(change.administratorSeats() == null ? null
                    : SupportRules.requireSeats(change.administratorSeats(), store.countActive(organization.getId())));
        }
        if (change.sharedAccountsUnlocked() != null) {
            row.setSharedAccountsUnlocked(change.sharedAccountsUnlocked());
        }
        store.flush();
        return view(organization);
    }
}
