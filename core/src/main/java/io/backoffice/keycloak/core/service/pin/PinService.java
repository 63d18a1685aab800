package io.backoffice.keycloak.core.service.pin;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.backoffice.keycloak.core.model.PinMode;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.PinPolicy;
import io.backoffice.keycloak.core.service.access.AdministratorAccess;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.AdministratorStore;
import io.backoffice.keycloak.core.store.OrganizationSupportEntity;
import io.backoffice.keycloak.core.store.OrganizationSupportStore;
import io.backoffice.keycloak.core.store.PinKeyStore;
import io.backoffice.keycloak.core.store.PinLockStore;

/** Issuing and looking up PINs of one realm (R-PIN-2..6). The PIN itself is never stored. */
public class PinService {

    private static final int ATTEMPTS = 5;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdministratorStore store;

    public PinService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new AdministratorStore(session);
    }

    /**
     * R-PIN-2: the organization's PIN length, default {@value PinPolicy#DEFAULT_LENGTH}. Kept in our own
     * table, not in an organization attribute, so the Keycloak console cannot set it past the rules (R-CONSOLE-2).
     */
    public static int pinLength(KeycloakSession session, OrganizationModel organization) {
        return new OrganizationSupportStore(session).find(organization.getId())
                .map(OrganizationSupportEntity::getPinLength)
                .orElse(PinPolicy.DEFAULT_LENGTH);
    }

    /**
     * Makes the administrator a PIN holder with a fresh PIN and returns it: the only time it exists in
     * clear (R-PIN-4). Unique in the organization (R-PIN-3): a collision is regenerated; a concurrent one
     * meets the database's unique constraint.
     */
    public String issuePin(OrganizationModel organization, AdministratorEntity record) {
        // R-PIN-5 under concurrent requests on any node: issues in one organization take turns on its owner row.
        store.lockOwner(organization.getId());
        int length = pinLength(session, organization);
        long others = store.countPinHolders(organization.getId()) - (record.getPinDigest() == null ? 0 : 1);
        PinPolicy.requireRoomForAnotherHolder(others, length);
        PinDigest digests = digests();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String pin = PinGenerator.generate(length);
            String digest = digests.digest(digestScope(organization), pin);
            if (store.findByPinDigest(organization.getId(), digest).isEmpty()) {
                record.setPinMode(PinMode.PIN);
                record.setPinDigest(digest);
                store.update(record);
                return pin;
            }
        }
        throw ProblemException.conflict("pin_space_crowded", "Could not find a free PIN; try again, or lengthen the organization's PINs.");
    }

    /**
     * What a PIN entry for a shared account needs before the lookup (R-PIN-6, R-STEP-4): the realm's key, the
     * organization's digest scope and the shared account's wrong-PIN lock (epoch milliseconds, 0 when none).
     */
    public record EntryFacts(PinDigest digests, String digestScope, long lockedUntil) {
    }

    /** {@link EntryFacts}, read in one query of the request's transaction (they are three rows of three tables). */
    public EntryFacts entryFacts(OrganizationModel organization, String sharedUserId) {
        return new PinKeyStore(session).entryRow(realm.getId(), organization.getId(), sharedUserId)
                .map(row -> new EntryFacts(new PinDigest(HexFormat.of().parseHex(row.secret())),
                        row.digestScope() == null ? organization.getId() : row.digestScope(),
                        row.lockedUntil() == null ? 0L : row.lockedUntil()))
                // the realm has no key yet, so nobody has a PIN; make it as any first use does
                .orElseGet(() -> new EntryFacts(digests(), digestScope(organization), lockedUntil(sharedUserId)));
    }

    /**
     * R-PIN-6, R-AUTHZ-5: the person a PIN names in an organization (one indexed lookup of its digest), if
     * they hold it as a PIN holder and have administrator access there.
     */
    public Optional<UserModel> activeHolderOf(OrganizationModel organization, EntryFacts facts, String pin) {
        AdministratorAccess access = new AdministratorAccess(session, realm);
        return store.findByPinDigest(organization.getId(), facts.digests().digest(facts.digestScope(), pin))
                .map(record -> session.users().getUserById(realm, record.getUserId()))
                .flatMap(user -> access.activePinHolder(organization, user));
    }

    /**
     * What the organization's PIN digests are scoped to: its id, or for an organization imported from
     * another server with its PINs (R-DATA-3), the id it had there, since a digest cannot be re-keyed without the PIN.
     */
    public String digestScope(OrganizationModel organization) {
        return new OrganizationSupportStore(session).find(organization.getId())
                .map(OrganizationSupportEntity::getPinDigestScope)
                .orElse(organization.getId());
    }

    /** The realm's PIN key as it is stored (hex), if one was made; for an export that asks for PINs (R-DATA-3). */
    public Optional<String> existingKey() {
        return new PinKeyStore(session).find(realm.getId());
    }

    /**
     * R-DATA-3: takes another server's PIN key for this realm, so digests made there work here. Refused when
     * the realm already has another key and PINs made under it: their digests would stop matching.
     */
    public void adoptKey(String secret) {
        if (secret == null || !secret.matches("[0-9a-f]{64}")) {
            throw ProblemException.badRequest("invalid_pinKey", "'pinKey' must be 64 lowercase hexadecimal characters, as exported.");
        }
        PinKeyStore keys = new PinKeyStore(session);
        Optional<String> key = keys.findForUpdate(realm.getId());
        if (key.filter(secret::equals).isPresent()) {
            return;
        }
        if (key.isPresent() && keys.countPinDigests(realm.getId()) > 0) {
            throw ProblemException.conflict("pin_key_conflict",
                    "This realm already has PINs under another PIN key; PINs can only be imported into a realm without PINs of its own.");
        }
        try {
            keys.put(realm.getId(), secret);
        } catch (ModelDuplicateException raced) {
            throw ProblemException.conflict("pin_key_conflict", "This realm's PIN key was created at the same time; try again.");
        }
    }

    /** R-STEP-4: epoch milliseconds until which the shared account's PIN step is locked, or 0 (every node agrees). */
    public long lockedUntil(String sharedUserId) {
        return new PinLockStore(session).lockedUntil(sharedUserId);
    }

    /** R-STEP-4: ends an expired lock; true for exactly one caller across nodes, the one to record that it ended. */
    public boolean releaseExpiredLock(String sharedUserId) {
        return new PinLockStore(session).releaseExpired(sharedUserId);
    }

    /**
     * R-STEP-4: counts one wrong PIN on the shared account in the current window; the end of the lock (epoch
     * milliseconds) if this failure reached {@code maxFailures} and locked the step, else 0.
     */
    public long recordWrongPin(OrganizationModel organization, String sharedUserId, int maxFailures, Duration window, Duration lockTime) {
        return new PinLockStore(session).recordFailure(realm.getId(), organization.getId(), sharedUserId, maxFailures, window, lockTime);
    }

    public PinDigest digests() {
        return new PinDigest(HexFormat.of().parseHex(new PinKeyStore(session).findOrCreate(realm.getId(), PinService::newKey)));
    }

    /** 32 random bytes, hex: a new realm's PIN key. */
    private static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
