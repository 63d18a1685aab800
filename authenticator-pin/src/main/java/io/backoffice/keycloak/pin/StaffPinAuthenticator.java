package io.backoffice.keycloak.pin;

import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

import io.backoffice.keycloak.core.acting.ActingPersonNotes;
import io.backoffice.keycloak.core.pin.PinLockStore;
import io.backoffice.keycloak.core.pin.PinService;

/**
 * "Staff PIN" (R-STEP-1..4): after the password of a shared account, asks who is acting. A correct PIN
 * of an active, confirmed PIN holder of the shared account's organization records that person as
 * user-session notes ({@link ActingPersonNotes}); Keycloak copies them into the user session on every
 * completed authentication, SSO step-up included.
 * <p>
 * Wrong PINs are not reported to Keycloak's BruteForceProtector (no failureChallenge): that would lock
 * the shared login for the whole front desk on the realm's password thresholds. They count against this
 * step's own limits instead: per login (then the login starts over) and per shared account in a window
 * (then the step locks, on every node). The PIN itself is never logged or put in an event (R-PIN-4).
 */
public class StaffPinAuthenticator implements Authenticator {

    public static final String FORM = "login-staff-pin.ftl";
    public static final String PIN_FIELD = "pin";

    /** Event details and errors: the acting person, never the PIN. */
    public static final String DETAIL_ACTING_USER_ID = "acting_user_id";
    public static final String DETAIL_ACTING_USERNAME = "acting_username";
    public static final String DETAIL_LOCKED_UNTIL = "staff_pin_locked_until";
    public static final String DETAIL_LOCK_ENDED = "staff_pin_lock_ended";
    public static final String DETAIL_ATTEMPT = "staff_pin_attempt";
    public static final String ERROR_INVALID_PIN = "invalid_staff_pin";
    public static final String ERROR_ATTEMPTS_EXCEEDED = "staff_pin_attempts_exceeded";
    public static final String ERROR_LOCKED = "staff_pin_locked";

    private static final Logger LOG = Logger.getLogger(StaffPinAuthenticator.class);
    private static final String FAILURES_NOTE = "backoffice.staff-pin.failures";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<SharedAccount> shared = sharedAccount(context);
        if (shared.isEmpty() || refusedWhileLocked(context, shared.get())) {
            return;
        }
        context.challenge(page(context, shared.get(), null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Optional<SharedAccount> shared = sharedAccount(context);
        if (shared.isEmpty() || refusedWhileLocked(context, shared.get())) {
            return;
        }
        String pin = context.getHttpRequest().getDecodedFormParameters().getFirst(PIN_FIELD);
        if (pin == null || pin.isBlank()) {
            context.challenge(page(context, shared.get(), "staffPinMissing"));
            return;
        }
        Optional<UserModel> holder = activeHolder(context, shared.get(), pin.trim());
        if (holder.isPresent()) {
            recordActingPerson(context, shared.get(), holder.get());
            context.success();
        } else {
            refuse(context, shared.get());
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

    /** R-PIN-6 lookup, then R-AUTHZ-5: only PIN holders with administrator access act. */
    private Optional<UserModel> activeHolder(AuthenticationFlowContext context, SharedAccount shared, String pin) {
        if (!pin.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return new PinService(context.getSession(), context.getRealm()).activeHolderOf(shared.organization(), pin);
    }

    private void recordActingPerson(AuthenticationFlowContext context, SharedAccount shared, UserModel holder) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setUserSessionNote(ActingPersonNotes.USER_ID, holder.getId());
        authSession.setUserSessionNote(ActingPersonNotes.USERNAME, holder.getUsername());
        authSession.setUserSessionNote(ActingPersonNotes.EMAIL, holder.getEmail() == null ? "" : holder.getEmail());
        authSession.setUserSessionNote(ActingPersonNotes.NAME, displayName(holder));
        authSession.setUserSessionNote(ActingPersonNotes.ENTERED_AT, String.valueOf(Time.currentTime()));
        authSession.setUserSessionNote(ActingPersonNotes.ORGANIZATION_ID, shared.organization().getId());
        authSession.removeAuthNote(FAILURES_NOTE);
        context.getEvent()
                .detail(DETAIL_ACTING_USER_ID, holder.getId())
                .detail(DETAIL_ACTING_USERNAME, holder.getUsername());
    }

    private static String displayName(UserModel user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName();
        String last = user.getLastName() == null ? "" : user.getLastName();
        return (first + " " + last).trim();
    }

    /** A wrong PIN: counted for the shared account (lock) and for this login (start over). */
    private void refuse(AuthenticationFlowContext context, SharedAccount shared) {
        PinStepSettings settings = settings(context);
        long lockedUntil = new PinLockStore(context.getSession()).recordFailure(context.getRealm().getId(),
                shared.organization().getId(), shared.user().getId(),
                settings.failuresPerWindow(), settings.window(), settings.lockTime());
        if (lockedUntil > 0) {
            context.getEvent().clone().user(shared.user())
                    .detail(DETAIL_LOCKED_UNTIL, Instant.ofEpochMilli(lockedUntil).toString())
                    .error(ERROR_LOCKED);
            context.challenge(page(context, shared, "staffPinLocked"));
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        int failures = parseCount(authSession.getAuthNote(FAILURES_NOTE)) + 1;
        authSession.setAuthNote(FAILURES_NOTE, String.valueOf(failures));
        boolean exhausted = failures >= settings.attemptsPerLogin();
        context.getEvent().clone().user(shared.user())
                .detail(DETAIL_ATTEMPT, String.valueOf(failures))
                .error(exhausted ? ERROR_ATTEMPTS_EXCEEDED : ERROR_INVALID_PIN);
        if (exhausted) {
            // R-STEP-4: the login starts over at the password, with a message saying why.
            context.forkWithErrorMessage(new FormMessage(null, "staffPinTooManyAttempts"));
        } else {
            context.challenge(page(context, shared, "staffPinInvalid"));
        }
    }

    /** True (and the locked page shown) while the shared account's PIN step is locked; notes a lock that ended. */
    private boolean refusedWhileLocked(AuthenticationFlowContext context, SharedAccount shared) {
        PinLockStore locks = new PinLockStore(context.getSession());
        long lockedUntil = locks.lockedUntil(shared.user().getId());
        if (lockedUntil == 0) {
            return false;
        }
        if (lockedUntil <= Time.currentTimeMillis()) {
            if (locks.releaseExpired(shared.user().getId())) {
                context.getEvent().detail(DETAIL_LOCK_ENDED, Instant.ofEpochMilli(lockedUntil).toString());
            }
            return false;
        }
        context.getEvent().clone().user(shared.user())
                .detail(DETAIL_LOCKED_UNTIL, Instant.ofEpochMilli(lockedUntil).toString())
                .error(ERROR_LOCKED);
        context.challenge(page(context, shared, "staffPinLocked"));
        return true;
    }

    private Response page(AuthenticationFlowContext context, SharedAccount shared, String error) {
        var form = context.form().setAttribute("staffPinLength", PinService.pinLength(shared.organization()));
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(FORM);
    }

    private static PinStepSettings settings(AuthenticationFlowContext context) {
        return context.getAuthenticatorConfig() == null ? PinStepSettings.DEFAULTS
                : PinStepSettings.from(context.getAuthenticatorConfig().getConfig());
    }

    private static int parseCount(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
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
