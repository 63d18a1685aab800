package io.backoffice.keycloak.core.management;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.KeycloakSession;

import io.backoffice.keycloak.core.Caller;
import io.backoffice.keycloak.core.ProblemException;
import io.backoffice.keycloak.core.pin.PinPolicy;
import io.backoffice.keycloak.core.pin.PinService;
import io.backoffice.keycloak.core.rules.EscalationRules;
import io.backoffice.keycloak.core.store.AdministratorStore;

/**
 * An organization's own settings: the PIN length (R-PIN-2), kept as the organization attribute
 * {@value PinService#PIN_LENGTH_ATTRIBUTE}. Every active administrator reads them; the owner changes them.
 */
public class OrganizationSettings {

    /** As the API shows them: the length, and how many PIN holders there are and may be (R-PIN-5). */
    public record View(int pinLength, long pinHolders, long maxPinHolders) {
    }

    /** A change; absent fields stay. */
    public record Change(Integer pinLength) {
    }

    private final AdministratorStore store;
    private final Caller caller;

    public OrganizationSettings(KeycloakSession session, Caller caller) {
        this.store = new AdministratorStore(session);
        this.caller = caller;
    }

    public View view() {
        return view(PinService.pinLength(caller.organization()));
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
        Map<String, List<String>> attributes = new HashMap<>(caller.organization().getAttributes());
        attributes.put(PinService.PIN_LENGTH_ATTRIBUTE, List.of(Integer.toString(length)));
        caller.organization().setAttributes(attributes);
        // Keycloak's organization adapter keeps the attributes it read first for the rest of the request.
        return view(length);
    }
}
