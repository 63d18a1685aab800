package io.backoffice.keycloak.core.store;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.utils.KeycloakModelUtils;

/** The realm's PIN key row (R-PIN-4); one per realm, keyed by the realm, so nodes agree on it. */
public class PinKeyStore {

    private final KeycloakSession session;

    public PinKeyStore(KeycloakSession session) {
        this.session = session;
    }

    public Optional<String> find(String realmId) {
        return Optional.ofNullable(em().find(PinKeyEntity.class, realmId)).map(PinKeyEntity::getSecret);
    }

    /** The key, the row locked until the end of the request's transaction (an import adopting another server's key). */
    public Optional<String> findForUpdate(String realmId) {
        return Optional.ofNullable(em().find(PinKeyEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE)).map(PinKeyEntity::getSecret);
    }

    /** The key, an organization's digest scope and a shared account's lock end, as one row (null where absent). */
    public record EntryRow(String secret, String digestScope, Long lockedUntil) {
    }

    /** {@link EntryRow} in one query of the request's transaction (three rows of three tables); empty without a key. */
    public Optional<EntryRow> entryRow(String realmId, String organizationId, String sharedUserId) {
        return em().createQuery("select new " + EntryRow.class.getName() + "(k.secret, s.pinDigestScope, l.lockedUntil)"
                        + " from PinKeyEntity k"
                        + " left join OrganizationSupportEntity s on s.organizationId = :organizationId"
                        + " left join PinLockEntity l on l.sharedUserId = :sharedUserId"
                        + " where k.realmId = :realmId", EntryRow.class)
                .setParameter("organizationId", organizationId)
                .setParameter("sharedUserId", sharedUserId)
                .setParameter("realmId", realmId)
                .getResultStream().findFirst();
    }

    /** How many PIN digests the realm's records hold (made under its current key). */
    public long countPinDigests(String realmId) {
        return em().createNamedQuery("boaCountRealmPinDigests", Long.class).setParameter("realmId", realmId).getSingleResult();
    }

    /** Writes the key in the request's transaction; {@link ModelDuplicateException} when another request created it at once. */
    public void put(String realmId, String secret) {
        EntityManager em = em();
        PinKeyEntity key = em.find(PinKeyEntity.class, realmId);
        if (key == null) {
            key = new PinKeyEntity();
            key.setRealmId(realmId);
            key.setSecret(secret);
            em.persist(key);
        } else {
            key.setSecret(secret);
        }
        em.flush();
    }

    /**
     * The key, created once in a transaction of its own when the realm has none; concurrent creators on several
     * nodes agree through the primary key (the loser reads the winner's).
     */
    public String findOrCreate(String realmId, Supplier<String> newSecret) {
        Optional<String> existing = find(realmId);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                PinKeyEntity created = new PinKeyEntity();
                created.setRealmId(realmId);
                created.setSecret(newSecret.get());
                EntityManager own = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                own.persist(created);
                own.flush();
            });
        } catch (ModelDuplicateException raced) {
            // another request created it first: use theirs
        }
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                s -> s.getProvider(JpaConnectionProvider.class).getEntityManager().find(PinKeyEntity.class, realmId).getSecret());
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
