package io.backoffice.keycloak.core.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.backoffice.keycloak.core.model.AdministratorStatus;

/**
 * R-API-1/3: an organization's integration, a confidential Keycloak client with a service account. Keyed by
 * the client (its internal id), so a client belongs to exactly one organization; Keycloak owns the client and
 * its secret, this row owns the organization and the status.
 */
@Entity
@Table(name = "BOA_INTEGRATION")
@NamedQueries({
        @NamedQuery(name = "boaIntegrationsByOrganization",
                query = "select i from IntegrationEntity i where i.organizationId = :organizationId order by i.createdAt, i.clientId"),
        @NamedQuery(name = "boaIntegrationByUser",
                query = "select i from IntegrationEntity i where i.realmId = :realmId and i.userId = :userId"),
        @NamedQuery(name = "boaCountIntegrationGroupHolders",
                query = "select count(i) from IntegrationEntity i where i.organizationId = :organizationId"
                        + " and exists (select m from UserGroupMembershipEntity m where m.user.id = i.userId and m.groupId = :groupId)"),
        @NamedQuery(name = "boaDeleteIntegrationsByRealm",
                query = "delete from IntegrationEntity i where i.realmId = :realmId")
})
public class IntegrationEntity {

    /** The Keycloak client's internal id (not its OAuth {@code client_id}). */
    @Id
    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "ORGANIZATION_ID", length = 36, nullable = false)
    private String organizationId;

    /** The client's service-account user. */
    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 16, nullable = false)
    private AdministratorStatus status;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public AdministratorStatus getStatus() { return status; }
    public void setStatus(AdministratorStatus status) { this.status = status; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(long updatedAt) { this.updatedAt = updatedAt; }

    public boolean isActive() {
        return status == AdministratorStatus.ACTIVE;
    }
}
