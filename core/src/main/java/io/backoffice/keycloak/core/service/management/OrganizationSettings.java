package io.backoffice.keycloak.core.service.management;

import org.keycloak.models.KeycloakSession;

import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.EscalationRules;
import io.backoffice.keycloak.core.rules.PinPolicy;
import io.backoffice.keycloak.core.service.pin.PinService;
import io.backoffice.keycloak.core.store.AdministratorStore;
import io.backoffice.keycloak.core.store.OrganizationSupportStore;

/**
 * An organization's own settings: the PIN length (R-PIN-2), kept in our settings table (not an
 * organization attribute the console could set unchecked, R-CONSOLE-2). Every active administrator
 * reads them; the owner changes them.
 */
public class OrganizationSettings {

    /** As the API shows them: the length, and how many PIN holders there are and may be (R-PIN-5). */
    public record View(int pinLength, long pinHolders, long maxPinHolders) {
    }

    /** A change; absent fields stay. */
    public record Change(Integer pinLength) {
    }

    private final KeycloakSession session;
    private final AdministratorStore store;
    private final Caller caller;

    public OrganizationSettings(KeycloakSession session, Caller caller) {
        this.session = session;
        this.store = new AdministratorStore(session);
        this.caller = caller;
    }

    public View view() {
        return view(PinService.pinLength(session, caller.organization()));
    }

    private View view(int length) {
        return new View(length, store.countPinHolders(caller.organization().getId()), PinPolicy.maxHolders(length));
    }

    /**
     * New PINs get the new length; PINs already issued keep working. A length too short for the PIN
     * holders there already are is refused (R-PIN-5).
     */
    public View change(Change change) {
        EscalationRules.requireOwner(caller.facts(), "the organization's settings");
        if (change.pinLength() == null) {
            throw ProblemException.badRequest("missing_pinLength", "'pinLength' is required.");
        }
        int length = PinPolicy.requireLength(change.pinLength());
        // Takes turns with PIN issues (PinService), so no PIN is issued past the new bound meanwhile.
        store.lockOwner(caller.organization().getId());
        long holders = store.countPinHolders(caller.organization().getId());
        if (holders > PinPolicy.maxHolders(length)) {
            throw ProblemException.conflict("pin_length_too_short", "The organization has " + holders
                    + " PIN holders, more than " + length + "-digit PINs allow safely (" + PinPolicy.maxHolders(length) + ").");
        }
        OrganizationSupportStore settings = new OrganizationSupportStore(session);
        settings.lockOrCreate(session.getContext().getRealm().getId(), caller.organization().getId()).setPinLength(length);
        settings.flush();
        return view(length);
    }
}
