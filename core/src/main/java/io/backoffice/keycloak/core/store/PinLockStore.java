package io.backoffice.keycloak.core.store;

import java.time.Duration;

import jakarta.persistence.EntityManager;

import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The per-shared-account wrong-PIN lock of R-STEP-4, shared by every node through the database.
 * Each change is one UPDATE in its own short transaction: the row lock serializes concurrent failures,
 * so none is lost (a get-then-put counter would lose some), and the count is committed even if the
 * login request fails later.
 */
public class PinLockStore {

    private final KeycloakSessionFactory factory;

    public PinLockStore(KeycloakSession session) {
        this.factory = session.getKeycloakSessionFactory();
    }

    /** Epoch milliseconds until which the shared account's PIN step is locked, or 0. */
    public long lockedUntil(String sharedUserId) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> em(s)
                .createNamedQuery("boaPinLockedUntil", Long.class)
                .setParameter("sharedUserId", sharedUserId)
                .getResultStream().findFirst().orElse(0L));
    }

    /**
     * Ends an expired lock. True for exactly one caller across nodes: the one that should record that
     * the lock ended.
     */
    public boolean releaseExpired(String sharedUserId) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> em(s)
                .createNamedQuery("boaPinLockRelease")
                .setParameter("sharedUserId", sharedUserId)
                .setParameter("now", Time.currentTimeMillis())
                .executeUpdate() == 1);
    }

    /**
     * Counts one wrong PIN in the current window. Returns the end of the lock (epoch milliseconds) if
     * this failure reached {@code maxFailures} and locked the step, or 0.
     */
    public long recordFailure(String realmId, String organizationId, String sharedUserId,
                              int maxFailures, Duration window, Duration lockTime) {
        ensureRow(realmId, organizationId, sharedUserId);
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
            long now = Time.currentTimeMillis();
            EntityManager em = em(s);
            em.createNamedQuery("boaPinLockCountFailure")
                    .setParameter("windowFloor", now - window.toMillis())
                    .setParameter("now", now)
                    .setParameter("sharedUserId", sharedUserId)
                    .executeUpdate();
            long until = now + lockTime.toMillis();
            int locked = em.createNamedQuery("boaPinLockEngage")
                    .setParameter("until", until)
                    .setParameter("now", now)
                    .setParameter("maxFailures", maxFailures)
                    .setParameter("sharedUserId", sharedUserId)
                    .executeUpdate();
            return locked == 1 ? until : 0L;
        });
    }

    /** The row exists before it is counted on; concurrent creators agree through the primary key. */
    private void ensureRow(String realmId, String organizationId, String sharedUserId) {
        boolean exists = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                s -> em(s).find(PinLockEntity.class, sharedUserId) != null);
        if (exists) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                PinLockEntity row = new PinLockEntity();
                row.setSharedUserId(sharedUserId);
                row.setRealmId(realmId);
                row.setOrganizationId(organizationId);
                row.setWindowStart(Time.currentTimeMillis());
                EntityManager em = em(s);
                em.persist(row);
                em.flush();
            });
        } catch (ModelDuplicateException raced) {
            // another failure created it first: count on theirs
        }
    }

    /** R-DATA-1: lock state goes with its organization, realm or user (in the caller's transaction). */
    public static void removeOrganization(KeycloakSession session, String organizationId) {
        em(session).createNamedQuery("boaDeletePinLocksByOrganization").setParameter("organizationId", organizationId).executeUpdate();
    }

    public static void removeRealm(KeycloakSession session, String realmId) {
        em(session).createNamedQuery("boaDeletePinLocksByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    public static void removeUser(KeycloakSession session, String userId) {
        em(session).createNamedQuery("boaDeletePinLockByUser").setParameter("sharedUserId", userId).executeUpdate();
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
