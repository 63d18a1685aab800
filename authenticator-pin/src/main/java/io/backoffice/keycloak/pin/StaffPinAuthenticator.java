package io.backoffice.keycloak.pin;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

import io.backoffice.keycloak.core.model.ActingPersonNotes;
import io.backoffice.keycloak.core.service.pin.PinService;

/**
 * "Staff PIN" (R-STEP-1..4): after the password of a shared account, asks who is acting. The entry itself is
 * {@link StaffPinCheck}'s (shared with the back-channel grant): a correct PIN of an active, confirmed PIN holder
 * of the shared account's organization records that person as user-session notes ({@link ActingPersonNotes});
 * Keycloak copies them into the user session on every completed authentication, SSO step-up included.
 * <p>
 * Wrong PINs are not reported to Keycloak's BruteForceProtector (no failureChallenge): that would lock
 * the shared login for the whole front desk on the realm's password thresholds. They count against this
 * step's own limits instead: per login (then the login starts over at the password, the SSO session ended)
 * and per shared account in a window (then the step locks, on every node).
 */
public class StaffPinAuthenticator implements Authenticator {

    public static final String FORM = "login-staff-pin.ftl";
    public static final String PIN_FIELD = "pin";

    private static final Logger LOG = Logger.getLogger(StaffPinAuthenticator.class);
    private static final String FAILURES_NOTE = "backoffice.staff-pin.failures";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<SharedAccount> shared = sharedAccount(context);
        if (shared.isEmpty()) {
            return;
        }
        boolean locked = check(context, shared.get()).locked().isPresent();
        context.challenge(page(context, shared.get(), locked ? "staffPinLocked" : null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Optional<SharedAccount> shared = sharedAccount(context);
        if (shared.isEmpty()) {
            return;
        }
        StaffPinCheck check = check(context, shared.get());
        String pin = context.getHttpRequest().getDecodedFormParameters().getFirst(PIN_FIELD);
        if (pin == null || pin.isBlank()) {
            boolean locked = check.locked().isPresent();
            context.challenge(page(context, shared.get(), locked ? "staffPinLocked" : "staffPinMissing"));
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        StaffPinCheck.Outcome outcome = check.enter(pin, loginAttempts(authSession), authSession::setUserSessionNote);
        if (outcome instanceof StaffPinCheck.Accepted) {
            context.success();
        } else if (outcome instanceof StaffPinCheck.Locked) {
            context.challenge(page(context, shared.get(), "staffPinLocked"));
        } else if (((StaffPinCheck.Refused) outcome).exhausted()) {
            // R-STEP-4: the login starts over at the password, with a message saying why. During a step-up the
            // SSO session would otherwise let the restarted login skip the password and show the PIN page again.
            endSsoSession(context, shared.get(), check);
            context.forkWithErrorMessage(new FormMessage(null, "staffPinTooManyAttempts"));
        } else {
            context.challenge(page(context, shared.get(), "staffPinInvalid"));
        }
    }

    private Optional<SharedAccount> sharedAccount(AuthenticationFlowContext context) {
        Optional<SharedAccount> shared = SharedAccount.of(context.getSession(), context.getRealm(), context.getUser());
        if (shared.isEmpty()) {
            // Misplaced step (no "user is a shared account" condition before it): nobody to ask a PIN of and no
            // acting person to record; "attempted" lets the user pass as the condition would have.
            LOG.warnf("Staff PIN step reached by a user who is not a shared account (realm %s); check the flow's condition",
                    context.getRealm().getName());
            context.attempted();
        }
        return shared;
    }

    private static StaffPinCheck check(AuthenticationFlowContext context, SharedAccount shared) {
        PinStepSettings settings = context.getAuthenticatorConfig() == null ? PinStepSettings.DEFAULTS
                : PinStepSettings.from(context.getAuthenticatorConfig().getConfig());
        return new StaffPinCheck(context.getSession(), context.getRealm(), shared, settings, context.getEvent());
    }

    /** Wrong PINs of this login, kept on the authentication session. */
    private static StaffPinCheck.AttemptCounter loginAttempts(AuthenticationSessionModel authSession) {
        return StaffPinCheck.AttemptCounter.inNote(FAILURES_NOTE, authSession::getAuthNote, authSession::setAuthNote, authSession::removeAuthNote);
    }

    /** The shared account's SSO session behind this browser, if any, ends and its cookie expires. */
    private static void endSsoSession(AuthenticationFlowContext context, SharedAccount shared, StaffPinCheck check) {
        KeycloakSession session = context.getSession();
        AuthenticationManager.AuthResult sso = AuthenticationManager.authenticateIdentityCookie(session, context.getRealm(), true);
        AuthenticationManager.expireIdentityCookie(session);
        if (sso != null && sso.user().getId().equals(shared.user().getId())) {
            check.endSession(sso.session());
        }
    }

    private Response page(AuthenticationFlowContext context, SharedAccount shared, String error) {
        var form = context.form().setAttribute("staffPinLength", PinService.pinLength(context.getSession(), shared.organization()));
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(FORM);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /** Nothing to set up per user: the "user is a shared account" condition decides who meets this step. */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // PINs are issued by organization administrators, never set up by the user
    }

    @Override
    public void close() {
    }
}
