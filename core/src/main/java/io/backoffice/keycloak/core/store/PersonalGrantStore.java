package io.backoffice.keycloak.core.store;

import java.util.Collection;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** R-LEVEL-4: the personal grants of (organization, user), as catalogue role names. */
public class PersonalGrantStore {

    private final EntityManager em;

    public PersonalGrantStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public List<String> roleNames(String organizationId, String userId) {
        return em.createNamedQuery("boaPersonalGrantsOf", String.class)
                .setParameter("organizationId", organizationId).setParameter("userId", userId).getResultList();
    }

    /** The administrator holds exactly these personal grants from now on. */
    public void replace(String realmId, String organizationId, String userId, Collection<String> roleNames) {
        em.createNamedQuery("boaDeletePersonalGrantsOf")
                .setParameter("organizationId", organizationId).setParameter("userId", userId).executeUpdate();
        roleNames.stream().distinct().forEach(name -> {
            PersonalGrantEntity grant = new PersonalGrantEntity();
            grant.setOrganizationId(organizationId);
            grant.setUserId(userId);
            grant.setRoleName(name);
            grant.setRealmId(realmId);
            em.persist(grant);
        });
        em.flush();
    }
}
