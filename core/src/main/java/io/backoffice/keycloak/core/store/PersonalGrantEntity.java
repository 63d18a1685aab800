package io.backoffice.keycloak.core.store;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * R-LEVEL-4: one catalogue role (a permission, section or level role) given to one administrator in one
 * organization, beside their permission groups. Keyed by organization, so a person's grants in one
 * organization never reach another; the rows go with the administrator record (foreign key, cascade).
 */
@Entity
@Table(name = "BOA_PERSONAL_GRANT")
@IdClass(PersonalGrantEntity.Key.class)
@NamedQueries({
        @NamedQuery(name = "boaPersonalGrantsOf",
                query = "select g.roleName from PersonalGrantEntity g where g.organizationId = :organizationId and g.userId = :userId order by g.roleName"),
        @NamedQuery(name = "boaDeletePersonalGrantsOf",
                query = "delete from PersonalGrantEntity g where g.organizationId = :organizationId and g.userId = :userId")
})
public class PersonalGrantEntity {

    @Id
    @Column(name = "ORGANIZATION_ID", length = 36, nullable = false)
    private String organizationId;

    @Id
    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Id
    @Column(name = "ROLE_NAME", length = 255, nullable = false)
    private String roleName;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getRoleName() { return roleName; }
    public void setRoleName(String roleName) { this.roleName = roleName; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }

    public static class Key implements Serializable {
        private String organizationId;
        private String userId;
        private String roleName;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(organizationId, k.organizationId) && Objects.equals(userId, k.userId)
                    && Objects.equals(roleName, k.roleName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, userId, roleName);
        }
    }
}
