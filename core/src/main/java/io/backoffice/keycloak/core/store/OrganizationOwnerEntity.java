package io.backoffice.keycloak.core.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The owner of an organization, keyed by the organization alone: two owners cannot exist (R-OWNER-1),
 * and a transfer is an update of one row. A foreign key ties it to the owner's administrator record.
 */
@Entity
@Table(name = "BOA_ORGANIZATION_OWNER")
@NamedQueries({
        @NamedQuery(name = "boaOwnersByUser",
                query = "select o from OrganizationOwnerEntity o where o.realmId = :realmId and o.userId = :userId"),
        @NamedQuery(name = "boaDeleteOwnerByOrganization",
                query = "delete from OrganizationOwnerEntity o where o.organizationId = :organizationId"),
        @NamedQuery(name = "boaDeleteOwnersByRealm",
                query = "delete from OrganizationOwnerEntity o where o.realmId = :realmId")
})
public class OrganizationOwnerEntity {

    @Id
    @Column(name = "ORGANIZATION_ID", length = 36, nullable = false)
    private String organizationId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SINCE", nullable = false)
    private long since;

    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getSince() { return since; }
    public void setSince(long since) { this.since = since; }
}
