package io.backoffice.keycloak.core.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An organization's settings that the product enforces: the PIN length (R-PIN-2, set by the owner) and
 * what an identity admin grants it (R-PIN-7 shared accounts, R-ADMIN-10 seats). Kept in our own table,
 * where the Keycloak console cannot change them unchecked (R-CONSOLE-2), and locked by row for the
 * checks that must hold across nodes. No row means the defaults: PIN length 6, shared accounts locked,
 * no seat limit.
 */
@Entity
@Table(name = "BOA_ORGANIZATION_SETTINGS")
@NamedQueries({
        @NamedQuery(name = "boaCountActiveOthers", query = "select count(a) from AdministratorEntity a"
                + " where a.organizationId = :organizationId and a.status = :status and a.userId <> :userId"),
        @NamedQuery(name = "boaCountByPinMode", query = "select count(a) from AdministratorEntity a"
                + " where a.organizationId = :organizationId and a.pinMode = :pinMode"),
        @NamedQuery(name = "boaCountRealmPinDigests", query = "select count(a) from AdministratorEntity a"
                + " where a.realmId = :realmId and a.pinDigest is not null"),
        @NamedQuery(name = "boaDeleteSettingsByOrganization",
                query = "delete from OrganizationSupportEntity s where s.organizationId = :organizationId"),
        @NamedQuery(name = "boaDeleteSettingsByRealm", query = "delete from OrganizationSupportEntity s where s.realmId = :realmId")
})
public class OrganizationSupportEntity {

    @Id
    @Column(name = "ORGANIZATION_ID", length = 36, nullable = false)
    private String organizationId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Null: the default length. */
    @Column(name = "PIN_LENGTH")
    private Integer pinLength;

    @Column(name = "SHARED_ACCOUNTS_UNLOCKED", nullable = false)
    private boolean sharedAccountsUnlocked;

    /** Null: no limit. */
    @Column(name = "ADMINISTRATOR_SEATS")
    private Integer administratorSeats;

    /** Null: the organization's own id (see PinService.digestScope). */
    @Column(name = "PIN_DIGEST_SCOPE", length = 36)
    private String pinDigestScope;

    public String getPinDigestScope() { return pinDigestScope; }
    public void setPinDigestScope(String pinDigestScope) { this.pinDigestScope = pinDigestScope; }
    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public Integer getPinLength() { return pinLength; }
    public void setPinLength(Integer pinLength) { this.pinLength = pinLength; }
    public boolean isSharedAccountsUnlocked() { return sharedAccountsUnlocked; }
    public void setSharedAccountsUnlocked(boolean sharedAccountsUnlocked) { this.sharedAccountsUnlocked = sharedAccountsUnlocked; }
    public Integer getAdministratorSeats() { return administratorSeats; }
    public void setAdministratorSeats(Integer administratorSeats) { this.administratorSeats = administratorSeats; }
}
