package io.backoffice.keycloak.core.store;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.PinMode;

/**
 * R-ADMIN-1: an invitation of an existing person to administer an organization, waiting for them to
 * accept. It is not an administrator record, so until accepted it is not listed and grants nothing; on
 * acceptance it becomes one and is removed. One per (organization, user).
 */
@Entity
@Table(name = "BOA_INVITATION")
@IdClass(InvitationEntity.Key.class)
@NamedQueries({
        @NamedQuery(name = "boaInvitationsByOrganization",
                query = "select i from InvitationEntity i where i.organizationId = :organizationId order by i.createdAt, i.userId"),
        @NamedQuery(name = "boaDeleteInvitationsByOrganization",
                query = "delete from InvitationEntity i where i.organizationId = :organizationId"),
        @NamedQuery(name = "boaDeleteInvitationsByRealm",
                query = "delete from InvitationEntity i where i.realmId = :realmId"),
        @NamedQuery(name = "boaDeleteInvitationsByUser",
                query = "delete from InvitationEntity i where i.realmId = :realmId and i.userId = :userId")
})
public class InvitationEntity {

    @Id
    @Column(name = "ORGANIZATION_ID", length = 36, nullable = false)
    private String organizationId;

    @Id
    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Keycloak's own invitation (its id is the action token's id). */
    @Column(name = "KEYCLOAK_INVITATION_ID", length = 36, nullable = false)
    private String keycloakInvitationId;

    /** As the inviting administrator typed them: never the invited person's own names. */
    @Column(name = "EMAIL", length = 255, nullable = false)
    private String email;

    @Column(name = "FIRST_NAME", length = 255)
    private String firstName;

    @Column(name = "LAST_NAME", length = 255)
    private String lastName;

    /** Ids of the organization's permission groups, comma-separated. */
    @Column(name = "PERMISSION_GROUPS", length = 4000, nullable = false)
    private String permissionGroups;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 16, nullable = false)
    private AdministratorStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "PIN_MODE", length = 16, nullable = false)
    private PinMode pinMode;

    @Column(name = "INVITED_BY", length = 36)
    private String invitedBy;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getKeycloakInvitationId() { return keycloakInvitationId; }
    public void setKeycloakInvitationId(String keycloakInvitationId) { this.keycloakInvitationId = keycloakInvitationId; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getPermissionGroups() { return permissionGroups; }
    public void setPermissionGroups(String permissionGroups) { this.permissionGroups = permissionGroups; }
    public AdministratorStatus getStatus() { return status; }
    public void setStatus(AdministratorStatus status) { this.status = status; }
    public PinMode getPinMode() { return pinMode; }
    public void setPinMode(PinMode pinMode) { this.pinMode = pinMode; }
    public String getInvitedBy() { return invitedBy; }
    public void setInvitedBy(String invitedBy) { this.invitedBy = invitedBy; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }

    public static class Key implements Serializable {
        private String organizationId;
        private String userId;

        public Key() {
        }

        public Key(String organizationId, String userId) {
            this.organizationId = organizationId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(organizationId, k.organizationId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, userId);
        }
    }
}
