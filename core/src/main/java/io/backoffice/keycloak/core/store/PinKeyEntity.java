package io.backoffice.keycloak.core.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** The realm's secret key for PIN digests; it does not rotate with the realm's signing keys. */
@Entity
@Table(name = "BOA_PIN_KEY")
@NamedQuery(name = "boaDeletePinKeyByRealm", query = "delete from PinKeyEntity k where k.realmId = :realmId")
public class PinKeyEntity {

    @Id
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** 32 random bytes, hex. */
    @Column(name = "SECRET", length = 64, nullable = false)
    private String secret;

    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getSecret() { return secret; }
    public void setSecret(String secret) { this.secret = secret; }
}
