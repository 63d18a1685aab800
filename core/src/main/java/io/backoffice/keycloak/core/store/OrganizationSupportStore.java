package io.backoffice.keycloak.core.store;

import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;

import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.PinMode;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.SupportRules;

/**
 * Organization settings rows (PIN length, shared accounts, seats) in the request's transaction. The
 * checks that must hold on several nodes at once (R-ADMIN-10 seats, R-PIN-7 locking) lock the
 * organization's row first, so concurrent writers take turns on the database instead of each reading
 * a count that another is about to change.
 */
public class OrganizationSupportStore {

    private final EntityManager em;

    public OrganizationSupportStore(KeycloakSession session) {
        this(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    OrganizationSupportStore(EntityManager em) {
        this.em = em;
    }

    public Optional<OrganizationSupportEntity> find(String organizationId) {
        return Optional.ofNullable(em.find(OrganizationSupportEntity.class, organizationId));
    }

    /** The row locked for the rest of the transaction; empty when the organization has only defaults. */
    public Optional<OrganizationSupportEntity> lock(String organizationId) {
        try {
            return Optional.ofNullable(em.find(OrganizationSupportEntity.class, organizationId, LockModeType.PESSIMISTIC_WRITE));
        } catch (RuntimeException e) {
            throw AdministratorStore.contention(e);
        }
    }

    /** The row locked, created with the defaults first when missing (a concurrent creator meets the primary key). */
    public OrganizationSupportEntity lockOrCreate(String realmId, String organizationId) {
        Optional<OrganizationSupportEntity> existing = lock(organizationId);
        if (existing.isPresent()) {
            return existing.get();
        }
        OrganizationSupportEntity created = new OrganizationSupportEntity();
        created.setOrganizationId(organizationId);
        created.setRealmId(realmId);
        em.persist(created);
        flush();
        return lock(organizationId).orElseThrow();
    }

    public void flush() {
        try {
            em.flush();
        } catch (ModelDuplicateException e) {
            throw ProblemException.conflict("concurrent_change",
                    "Another request was changing the same organization's settings; nothing was changed, try again.");
        } catch (RuntimeException e) {
            throw AdministratorStore.contention(e);
        }
    }

    /** Active administrators of the organization other than this user. */
    public long countActiveOthers(String organizationId, String userId) {
        return em.createNamedQuery("boaCountActiveOthers", Long.class)
                .setParameter("organizationId", organizationId)
                .setParameter("status", AdministratorStatus.ACTIVE)
                .setParameter("userId", userId)
                .getSingleResult();
    }

    public long countActive(String organizationId) {
        return countActiveOthers(organizationId, "");
    }

    public long countSharedAccounts(String organizationId) {
        return em.createNamedQuery("boaCountByPinMode", Long.class)
                .setParameter("organizationId", organizationId)
                .setParameter("pinMode", PinMode.SHARED)
                .getSingleResult();
    }

    /**
     * R-ADMIN-10: an active record takes a seat. Called before every write of an active record: with a
     * limit set, the organization's row is locked and the other active records counted, so concurrent
     * creations and reactivations on any node cannot together pass the limit.
     */
    public void requireSeatFor(AdministratorEntity record) {
        if (!record.isActive()) {
            return;
        }
        Integer seats = find(record.getOrganizationId()).map(OrganizationSupportEntity::getAdministratorSeats).orElse(null);
        if (seats == null) {
            return;
        }
        seats = lock(record.getOrganizationId()).map(OrganizationSupportEntity::getAdministratorSeats).orElse(null);
        if (seats != null) {
            SupportRules.requireFreeSeat(countActiveOthers(record.getOrganizationId(), record.getUserId()), seats);
        }
    }

    /** R-PIN-7: SHARED needs the organization's shared accounts unlocked; the row is locked against a concurrent lock. */
    public void requireSharedAccountsUnlocked(String organizationId) {
        SupportRules.requireSharedAccountsUnlocked(lock(organizationId).map(OrganizationSupportEntity::isSharedAccountsUnlocked).orElse(false));
    }

    /** R-DATA-1. */
    public void removeOrganization(String organizationId) {
        em.createNamedQuery("boaDeleteSettingsByOrganization").setParameter("organizationId", organizationId).executeUpdate();
    }

    public void removeRealm(String realmId) {
        em.createNamedQuery("boaDeleteSettingsByRealm").setParameter("realmId", realmId).executeUpdate();
    }
}
