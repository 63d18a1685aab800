package io.backoffice.keycloak.core.pin;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.backoffice.keycloak.core.ProblemException;
import io.backoffice.keycloak.core.access.AdministratorAccess;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.AdministratorStore;
import io.backoffice.keycloak.core.store.PinKeyEntity;
import io.backoffice.keycloak.core.store.PinMode;

/** Issuing and looking up PINs of one realm (R-PIN-2..6). The PIN itself is never stored. */
public class PinService {

    /** Organization attribute holding the PIN length (R-PIN-2), default {@value PinPolicy#DEFAULT_LENGTH}. */
    public static final String PIN_LENGTH_ATTRIBUTE = "backoffice.pinLength";
    private static final int ATTEMPTS = 5;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdministratorStore store;

    public PinService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new AdministratorStore(session);
    }

    public static int pinLength(OrganizationModel organization) {
        String value = organization.getAttributes().getOrDefault(PIN_LENGTH_ATTRIBUTE, java.util.List.of()).stream().findFirst().orElse(null);
        try {
            return value == null ? PinPolicy.DEFAULT_LENGTH : PinPolicy.requireLength(Integer.parseInt(value));
        } catch (RuntimeException e) {
            return PinPolicy.DEFAULT_LENGTH;
        }
    }

    /**
     * Makes the administrator a PIN holder with a fresh PIN and returns it: the only time it exists in
     * clear (R-PIN-4). Unique in the organization (R-PIN-3): a collision is regenerated; a concurrent one
     * meets the database's unique constraint.
     */
    public String issuePin(OrganizationModel organization, AdministratorEntity record) {
        // R-PIN-5 under concurrent requests on any node: issues in one organization take turns on its owner row.
        store.lockOwner(organization.getId());
        int length = pinLength(organization);
        long others = store.countPinHolders(organization.getId()) - (record.getPinDigest() == null ? 0 : 1);
        PinPolicy.requireRoomForAnotherHolder(others, length);
        PinDigest digests = digests();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String pin = PinGenerator.generate(length);
            String digest = digests.digest(organization.getId(), pin);
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
     * R-PIN-6, R-AUTHZ-5: the person a PIN names in an organization (one indexed lookup of its digest), if
     * they hold it as a PIN holder and have administrator access there.
     */
    public Optional<UserModel> activeHolderOf(OrganizationModel organization, String pin) {
        AdministratorAccess access = new AdministratorAccess(session, realm);
        return store.findByPinDigest(organization.getId(), digests().digest(organization.getId(), pin))
                .map(record -> session.users().getUserById(realm, record.getUserId()))
                .flatMap(user -> access.activePinHolder(organization, user));
    }

    public PinDigest digests() {
        return new PinDigest(HexFormat.of().parseHex(secret()));
    }

    /** The realm's key, created once; concurrent creators on several nodes agree through the primary key. */
    private String secret() {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        PinKeyEntity key = em.find(PinKeyEntity.class, realm.getId());
        if (key != null) {
            return key.getSecret();
        }
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                PinKeyEntity created = new PinKeyEntity();
                created.setRealmId(realm.getId());
                created.setSecret(HexFormat.of().formatHex(bytes));
                EntityManager own = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                own.persist(created);
                own.flush();
            });
        } catch (ModelDuplicateException raced) {
            // another request created it first: use theirs
        }
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                s -> s.getProvider(JpaConnectionProvider.class).getEntityManager().find(PinKeyEntity.class, realm.getId()).getSecret());
    }
}
