package io.backoffice.keycloak.core.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Wrong-PIN counter and lock of one shared account (R-STEP-4). One row per shared account, changed only
 * by single UPDATE statements, so concurrent failures on several nodes are all counted.
 */
@Entity
@Table(name = "BOA_PIN_LOCK")
@NamedQueries({
        @NamedQuery(name = "boaPinLockCountFailure",
                query = "update PinLockEntity l set"
                        + " l.failures = case when l.windowStart <= :windowFloor then 1 else l.failures + 1 end,"
                        + " l.windowStart = case when l.windowStart <= :windowFloor then :now else l.windowStart end"
                        + " where l.sharedUserId = :sharedUserId"),
        @NamedQuery(name = "boaPinLockEngage",
                query = "update PinLockEntity l set l.lockedUntil = :until, l.failures = 0, l.windowStart = :now"
                        + " where l.sharedUserId = :sharedUserId and l.failures >= :maxFailures"),
        @NamedQuery(name = "boaPinLockRelease",
                query = "update PinLockEntity l set l.lockedUntil = 0"
                        + " where l.sharedUserId = :sharedUserId and l.lockedUntil > 0 and l.lockedUntil <= :now"),
        @NamedQuery(name = "boaPinLockedUntil",
                query = "select l.lockedUntil from PinLockEntity l where l.sharedUserId = :sharedUserId"),
        @NamedQuery(name = "boaDeletePinLocksByOrganization",
                query = "delete from PinLockEntity l where l.organizationId = :organizationId"),
        @NamedQuery(name = "boaDeletePinLocksByRealm",
                query = "delete from PinLockEntity l where l.realmId = :realmId"),
        @NamedQuery(name = "boaDeletePinLockByUser",
                query = "delete from PinLockEntity l where l.sharedUserId = :sharedUserId")
})
public class PinLockEntity {

    @Id
    @Column(name = "SHARED_USER_ID", length = 36, nullable = false)
    private String sharedUserId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ORGANIZATION_ID", length = 36, nullable = false)
    private String organizationId;

    /** Wrong PINs since {@link #windowStart}. */
    @Column(name = "FAILURES", nullable = false)
    private int failures;

    /** Epoch milliseconds when the current counting window began. */
    @Column(name = "WINDOW_START", nullable = false)
    private long windowStart;

    /** Epoch milliseconds until which the PIN step is locked; 0 when not locked. */
    @Column(name = "LOCKED_UNTIL", nullable = false)
    private long lockedUntil;

    public String getSharedUserId() { return sharedUserId; }
    public void setSharedUserId(String sharedUserId) { this.sharedUserId = sharedUserId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public int getFailures() { return failures; }
    public void setFailures(int failures) { this.failures = failures; }
    public long getWindowStart() { return windowStart; }
    public void setWindowStart(long windowStart) { this.windowStart = windowStart; }
    public long getLockedUntil() { return lockedUntil; }
    public void setLockedUntil(long lockedUntil) { this.lockedUntil = lockedUntil; }
}
