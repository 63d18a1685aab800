package io.backoffice.keycloak.core.store;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.common.util.Time;

import io.backoffice.keycloak.core.ProblemException;

/**
 * Reads and writes administrator records and owners in the request's own transaction.
 * Writes that a database constraint guards are flushed at once, so a conflict becomes a 409 here
 * rather than Keycloak's generic error at commit.
 */
public class AdministratorStore {

    private final EntityManager em;

    public AdministratorStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public Optional<AdministratorEntity> find(String organizationId, String userId) {
        return Optional.ofNullable(em.find(AdministratorEntity.class, new AdministratorEntity.Key(organizationId, userId)));
    }

    public List<AdministratorEntity> listByOrganization(String organizationId) {
        return em.createNamedQuery("boaAdministratorsByOrganization", AdministratorEntity.class)
                .setParameter("organizationId", organizationId)
                .getResultList();
    }

    public List<AdministratorEntity> listByUser(String realmId, String userId) {
        return em.createNamedQuery("boaAdministratorsByUser", AdministratorEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .getResultList();
    }

    /** R-PIN-6: one lookup through the unique (organization, digest) index. */
    public Optional<AdministratorEntity> findByPinDigest(String organizationId, String pinDigest) {
        return em.createNamedQuery("boaAdministratorByPinDigest", AdministratorEntity.class)
                .setParameter("organizationId", organizationId)
                .setParameter("pinDigest", pinDigest)
                .getResultStream()
                .findFirst();
    }

    public long countPinHolders(String organizationId) {
        return em.createNamedQuery("boaCountPinHolders", Long.class)
                .setParameter("organizationId", organizationId)
                .getSingleResult();
    }

    public AdministratorEntity insert(AdministratorEntity administrator) {
        long now = Time.currentTimeMillis();
        administrator.setCreatedAt(now);
        administrator.setUpdatedAt(now);
        em.persist(administrator);
        flushOrConflict("administrator_exists", "This user is already an administrator of the organization.");
        return administrator;
    }

    /** Writes a changed record now; a PIN digest that another holder has is a conflict. */
    public void update(AdministratorEntity administrator) {
        administrator.setUpdatedAt(Time.currentTimeMillis());
        flushOrConflict("pin_conflict", "The generated PIN collided with another; try again.");
    }

    public Optional<OrganizationOwnerEntity> findOwner(String organizationId) {
        return Optional.ofNullable(em.find(OrganizationOwnerEntity.class, organizationId));
    }

    /** The owner row locked for update, so concurrent transfers run one after the other. */
    public Optional<OrganizationOwnerEntity> lockOwner(String organizationId) {
        return Optional.ofNullable(em.find(OrganizationOwnerEntity.class, organizationId, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<OrganizationOwnerEntity> ownershipsOf(String realmId, String userId) {
        return em.createNamedQuery("boaOwnersByUser", OrganizationOwnerEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .getResultList();
    }

    public void insertOwner(String realmId, String organizationId, String userId) {
        OrganizationOwnerEntity owner = new OrganizationOwnerEntity();
        owner.setOrganizationId(organizationId);
        owner.setUserId(userId);
        owner.setRealmId(realmId);
        owner.setSince(Time.currentTimeMillis());
        em.persist(owner);
        flushOrConflict("owner_exists", "The organization already has an owner; an identity admin can transfer ownership.");
    }

    public void changeOwner(OrganizationOwnerEntity owner, String newOwnerUserId) {
        owner.setUserId(newOwnerUserId);
        owner.setSince(Time.currentTimeMillis());
        em.flush();
    }

    /** R-DATA-1: everything of ours about an organization goes with it. */
    public void removeOrganization(String organizationId) {
        em.createNamedQuery("boaDeleteOwnerByOrganization").setParameter("organizationId", organizationId).executeUpdate();
        em.createNamedQuery("boaDeleteAdministratorsByOrganization").setParameter("organizationId", organizationId).executeUpdate();
    }

    public void removeRealm(String realmId) {
        em.createNamedQuery("boaDeleteOwnersByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("boaDeleteAdministratorsByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("boaDeletePinKeyByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    /** R-DATA-2: a removed user's records go with it (owners are refused before this runs). */
    public void removeUser(String realmId, String userId) {
        em.createNamedQuery("boaDeleteAdministratorsByUser")
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .executeUpdate();
    }

    private void flushOrConflict(String code, String message) {
        try {
            em.flush();
        } catch (ModelDuplicateException e) {
            // Keycloak's EntityManager proxy turns a constraint violation into this; the transaction is
            // now rollback-only, which is what a refusal needs.
            throw ProblemException.conflict(code, message);
        }
    }
}
