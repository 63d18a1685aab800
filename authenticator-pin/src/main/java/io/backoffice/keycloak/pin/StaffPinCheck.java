package io.backoffice.keycloak.pin;

import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import io.backoffice.keycloak.core.model.ActingPersonNotes;
import io.backoffice.keycloak.core.service.pin.PinService;

/**
 * One staff PIN entry for a shared account, whoever asks: the PIN page ({@link StaffPinAuthenticator}) and the
 * back-channel grant ({@link StaffPinGrantType}) both go through here, so they share the checks, the wrong-PIN
 * counters and lock (R-STEP-4, cluster-wide), the events and the acting-person notes (R-STEP-2, R-POS-2).
 * The PIN itself is never logged or put in an event (R-PIN-4).
 */
public final class StaffPinCheck {

    /** Event details and errors: the acting person, never the PIN. */
    public static final String DETAIL_ACTING_USER_ID = "acting_user_id";
    public static final String DETAIL_ACTING_USERNAME = "acting_username";
    public static final String DETAIL_ACTING_PIN_TIME = "acting_pin_time";
    public static final String DETAIL_LOCKED_UNTIL = "staff_pin_locked_until";
    public static final String DETAIL_LOCK_ENDED = "staff_pin_lock_ended";
    public static final String DETAIL_ATTEMPT = "staff_pin_attempt";
    public static final String DETAIL_REASON = "reason";
    public static final String ERROR_INVALID_PIN = "invalid_staff_pin";
    public static final String ERROR_ATTEMPTS_EXCEEDED = "staff_pin_attempts_exceeded";
    public static final String ERROR_LOCKED = "staff_pin_locked";

    /** The answer to one PIN entry. */
    public sealed interface Outcome permits Accepted, Refused, Locked {
    }

    /** The PIN's holder now acts; the notes are written. */
    public record Accepted(UserModel holder) implements Outcome {
    }

    /** A wrong PIN: the {@code attempt}-th of this login or session; {@code exhausted} once the per-login limit is reached. */
    public record Refused(int attempt, boolean exhausted) implements Outcome {
    }

    /** The shared account's PIN step is locked until then (epoch milliseconds), right PINs included. */
    public record Locked(long until) implements Outcome {
    }

    /** Where the wrong PINs of one login (PIN page) or one session (grant) are counted. */
    public interface AttemptCounter {
        int current();

        void set(int attempts);

        /** The count kept in the note {@code name}; zero removes the note, an unreadable note counts as zero. */
        static AttemptCounter inNote(String name, Function<String, String> get, BiConsumer<String, String> set, Consumer<String> remove) {
            return new AttemptCounter() {
                @Override
                public int current() {
                    String value = get.apply(name);
                    try {
                        return value == null ? 0 : Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }

                @Override
                public void set(int attempts) {
                    if (attempts == 0) {
                        remove.accept(name);
                    } else {
                        set.accept(name, String.valueOf(attempts));
                    }
                }
            };
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SharedAccount shared;
    private final PinStepSettings settings;
    private final EventBuilder event;
    private PinService.EntryFacts facts;

    public StaffPinCheck(KeycloakSession session, RealmModel realm, SharedAccount shared, PinStepSettings settings, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.shared = shared;
        this.settings = settings;
        this.event = event;
    }

    /**
     * The lock, if the step is locked now (an error event says so); a lock that has ended is released and noted
     * on the request's event, once across nodes.
     */
    public Optional<Locked> locked() {
        long lockedUntil = facts().lockedUntil();
        if (lockedUntil == 0) {
            return Optional.empty();
        }
        if (lockedUntil <= Time.currentTimeMillis()) {
            if (new PinService(session, realm).releaseExpiredLock(shared.user().getId())) {
                event.detail(DETAIL_LOCK_ENDED, Instant.ofEpochMilli(lockedUntil).toString());
            }
            return Optional.empty();
        }
        lockedEvent(lockedUntil);
        return Optional.of(new Locked(lockedUntil));
    }

    /**
     * Checks one PIN: the lock first, then the holder. A right PIN writes the acting person through {@code notes}
     * (user-session notes) and resets {@code attempts}; a wrong one counts for the shared account (lock) and in
     * {@code attempts} (per-login limit).
     */
    public Outcome enter(String pin, AttemptCounter attempts, BiConsumer<String, String> notes) {
        Optional<Locked> locked = locked();
        if (locked.isPresent()) {
            return locked.get();
        }
        Optional<UserModel> holder = activeHolder(pin == null ? "" : pin.trim());
        if (holder.isPresent()) {
            recordActingPerson(holder.get(), notes);
            attempts.set(0);
            return new Accepted(holder.get());
        }
        long lockedUntil = new PinService(session, realm).recordWrongPin(shared.organization(), shared.user().getId(),
                settings.failuresPerWindow(), settings.window(), settings.lockTime());
        if (lockedUntil > 0) {
            lockedEvent(lockedUntil);
            return new Locked(lockedUntil);
        }
        int attempt = attempts.current() + 1;
        attempts.set(attempt);
        boolean exhausted = attempt >= settings.attemptsPerLogin();
        event.clone().user(shared.user())
                .detail(DETAIL_ATTEMPT, String.valueOf(attempt))
                .error(exhausted ? ERROR_ATTEMPTS_EXCEEDED : ERROR_INVALID_PIN);
        return new Refused(attempt, exhausted);
    }

    /**
     * R-STEP-4: after the per-login limit the shared account's session ends, so its password is really asked again
     * (a live SSO session or refresh token would otherwise give endless rounds of guesses). A LOGOUT event says why.
     */
    public void endSession(UserSessionModel userSession) {
        session.sessions().removeUserSession(realm, userSession);
        event.clone().event(EventType.LOGOUT).user(shared.user()).session(userSession.getId())
                .detail(DETAIL_REASON, ERROR_ATTEMPTS_EXCEEDED).success();
    }

    /** R-PIN-6 lookup, then R-AUTHZ-5: only PIN holders with administrator access act. */
    private Optional<UserModel> activeHolder(String pin) {
        if (pin.isEmpty() || !pin.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return new PinService(session, realm).activeHolderOf(shared.organization(), facts(), pin);
    }

    /** The key, digest scope and lock, read once per entry (one query). */
    private PinService.EntryFacts facts() {
        if (facts == null) {
            facts = new PinService(session, realm).entryFacts(shared.organization(), shared.user().getId());
        }
        return facts;
    }

    private void recordActingPerson(UserModel holder, BiConsumer<String, String> notes) {
        String enteredAt = String.valueOf(Time.currentTime());
        notes.accept(ActingPersonNotes.USER_ID, holder.getId());
        notes.accept(ActingPersonNotes.USERNAME, holder.getUsername());
        notes.accept(ActingPersonNotes.EMAIL, holder.getEmail() == null ? "" : holder.getEmail());
        notes.accept(ActingPersonNotes.NAME, displayName(holder));
        notes.accept(ActingPersonNotes.ENTERED_AT, enteredAt);
        notes.accept(ActingPersonNotes.ORGANIZATION_ID, shared.organization().getId());
        event.detail(DETAIL_ACTING_USER_ID, holder.getId())
                .detail(DETAIL_ACTING_USERNAME, holder.getUsername())
                .detail(DETAIL_ACTING_PIN_TIME, enteredAt);
    }

    private void lockedEvent(long lockedUntil) {
        event.clone().user(shared.user())
                .detail(DETAIL_LOCKED_UNTIL, Instant.ofEpochMilli(lockedUntil).toString())
                .error(ERROR_LOCKED);
    }

    private static String displayName(UserModel user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName();
        String last = user.getLastName() == null ? "" : user.getLastName();
        return (first + " " + last).trim();
    }
}
