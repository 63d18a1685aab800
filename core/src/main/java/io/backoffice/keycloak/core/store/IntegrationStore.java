package io.backoffice.keycloak.core.store;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Reads and writes integration rows (R-API-1/3) in the request's own transaction. */
public class IntegrationStore {

    private final EntityManager em;

    public IntegrationStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** By the Keycloak client's internal id. */
    public Optional<IntegrationEntity> find(String clientId) {
        return Optional.ofNullable(em.find(IntegrationEntity.class, clientId));
    }

    /** The integration whose service-account user this is, in whichever organization it belongs to. */
    public Optional<IntegrationEntity> findByUser(String realmId, String userId) {
        return em.createNamedQuery("boaIntegrationByUser", IntegrationEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .getResultStream()
                .findFirst();
    }

    /** One page of an organization's integrations, oldest first. */
    public List<IntegrationEntity> page(String organizationId, int first, int max) {
        return em.createNamedQuery("boaIntegrationsByOrganization", IntegrationEntity.class)
                .setParameter("organizationId", organizationId)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    /** Every integration of the organization: for its removal (R-DATA-1). */
    public List<IntegrationEntity> listByOrganization(String organizationId) {
        return em.createNamedQuery("boaIntegrationsByOrganization", IntegrationEntity.class)
                .setParameter("organizationId", organizationId)
                .getResultList();
    }

    /** R-GROUP-3: the organization's integrations holding the group. */
    public long countGroupHolders(String organizationId, String groupId) {
        return em.createNamedQuery("boaCountIntegrationGroupHolders", Long.class)
                .setParameter("organizationId", organizationId)
                .setParameter("groupId", groupId)
                .getSingleResult();
    }

    public void insert(IntegrationEntity integration) {
        long now = Time.currentTimeMillis();
        integration.setCreatedAt(now);
        integration.setUpdatedAt(now);
        em.persist(integration);
        em.flush();
    }

    public void update(IntegrationEntity integration) {
        integration.setUpdatedAt(Time.currentTimeMillis());
        try {
            em.flush();
        } catch (RuntimeException e) {
            throw AdministratorStore.contention(e);
        }
    }

    public void remove(IntegrationEntity integration) {
        em.remove(integration);
    }

    public void removeRealm(String realmId) {
        em.createNamedQuery("boaDeleteIntegrationsByRealm").setParameter("realmId", realmId).executeUpdate();
    }
}
