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
 * One administrator record: a user's standing in one organization. The primary key (organization, user)
 * and the unique (organization, PIN digest) constraint live in the database, so they hold across nodes.
 */
@Entity
@Table(name = "BOA_ADMINISTRATOR")
@IdClass(AdministratorEntity.Key.class)
@NamedQueries({
        @NamedQuery(name = "boaAdministratorsByOrganization",
                query = "select a from AdministratorEntity a where a.organizationId = :organizationId order by a.createdAt, a.userId"),
        @NamedQuery(name = "boaAdministratorsByUser",
                query = "select a from AdministratorEntity a where a.realmId = :realmId and a.userId = :userId"),
        @NamedQuery(name = "boaAdministratorByPinDigest",
                query = "select a from AdministratorEntity a where a.organizationId = :organizationId and a.pinDigest = :pinDigest"),
        @NamedQuery(name = "boaCountPinHolders",
                query = "select count(a) from AdministratorEntity a where a.organizationId = :organizationId and a.pinDigest is not null"),
        @NamedQuery(name = "boaDeleteAdministratorsByOrganization",
                query = "delete from AdministratorEntity a where a.organizationId = :organizationId"),
        @NamedQuery(name = "boaDeleteAdministratorsByRealm",
                query = "delete from AdministratorEntity a where a.realmId = :realmId"),
        @NamedQuery(name = "boaDeleteAdministratorsByUser",
                query = "delete from AdministratorEntity a where a.realmId = :realmId and a.userId = :userId")
})
public class AdministratorEntity {

    @Id
    @Column(name = "ORGANIZATION_ID", length = 36, nullable = false)
    private String organizationId;

    @Id
    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 16, nullable = false)
    private AdministratorStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "PIN_MODE", length = 16, nullable = false)
    private PinMode pinMode;

    /** Keyed digest of the PIN (never the PIN); set only while {@link #pinMode} is PIN. */
    @Column(name = "PIN_DIGEST", length = 64)
    private String pinDigest;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /**
     * The user's username and email when this record last accepted them (R-ADMIN-5): a user whose
     * username or email no longer match changed them, by whatever path.
     */
    @Column(name = "KNOWN_USERNAME", length = 255)
    private String knownUsername;

    @Column(name = "KNOWN_EMAIL", length = 255)
    private String knownEmail;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public AdministratorStatus getStatus() { return status; }
    public void setStatus(AdministratorStatus status) { this.status = status; }
    public PinMode getPinMode() { return pinMode; }
    public void setPinMode(PinMode pinMode) { this.pinMode = pinMode; }
    public String getPinDigest() { return pinDigest; }
    public void setPinDigest(String pinDigest) { this.pinDigest = pinDigest; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public String getKnownUsername() { return knownUsername; }
    public void setKnownUsername(String knownUsername) { this.knownUsername = knownUsername; }
    public String getKnownEmail() { return knownEmail; }
    public void setKnownEmail(String knownEmail) { this.knownEmail = knownEmail; }
    public long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(long updatedAt) { this.updatedAt = updatedAt; }

    public boolean isActive() {
        return status == AdministratorStatus.ACTIVE;
    }

    /** Composite primary key (organization, user). */
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
