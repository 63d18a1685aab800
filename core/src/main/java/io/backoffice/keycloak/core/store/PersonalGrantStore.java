package io.backoffice.keycloak.core.store;

import java.util.Collection;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** R-LEVEL-4: the personal grants of (organization, user), as catalogue role names. */
public class PersonalGrantStore {

    private final KeycloakSession session;
    private final EntityManager em;

    public PersonalGrantStore(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /**
     * The personal grants of every listed user in the organization, in one query (an administrators page):
     * user id to role names, sorted; users without grants are absent.
     */
    public java.util.Map<String, List<String>> roleNamesOf(String organizationId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, List<String>> byUser = new java.util.HashMap<>();
        em.createQuery("select g.userId, g.roleName from PersonalGrantEntity g where g.organizationId = :organizationId"
                        + " and g.userId in :userIds order by g.roleName", Object[].class)
                .setParameter("organizationId", organizationId)
                .setParameter("userIds", userIds)
                .getResultList()
                .forEach(row -> byUser.computeIfAbsent((String) row[0], id -> new java.util.ArrayList<>()).add((String) row[1]));
        return byUser;
    }

    public List<String> roleNames(String organizationId, String userId) {
        return em.createNamedQuery("boaPersonalGrantsOf", String.class)
                .setParameter("organizationId", organizationId).setParameter("userId", userId).getResultList();
    }

    /** The administrator holds exactly these personal grants from now on. */
    public void replace(String realmId, String organizationId, String userId, Collection<String> roleNames) {
        AdministratorStore.forgetRecordsOfUsers(session);
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
