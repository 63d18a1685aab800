package io.backoffice.keycloak.bench;

import java.util.List;
import java.util.Map;
import java.util.Random;

import io.backoffice.keycloak.testkit.Http;
import io.backoffice.keycloak.testkit.RealmAdmin;

/**
 * An organization of the benchmark with PIN holders: its owner (who sets the PIN length), its shared
 * account (PIN mode SHARED, through the product's support API) and {@link #holders} holders seeded in bulk
 * ({@link Seeding}), holder {@code i} being {@code holder<i>@<alias>.example} with the PIN
 * {@code (pinA * i + pinB) mod 10^8}: the runner can type any holder's PIN, the server never answers one.
 */
final class PinOrganization {

    static final String GROUP = "Front staff";
    /** Held by every other holder (even numbers): the administrators list's group filter. */
    static final String EVEN_GROUP = "Cashiers";
    /** 8 digits: R-PIN-5 allows up to 1,000,000 holders; every organization uses it so PINs cost the same to digest. */
    static final int PIN_LENGTH = 8;
    private static final long PIN_SPACE = 100_000_000L;

    record Holder(int number, String username, String pin) {
    }

    final int holders;
    final String alias;
    final String id;
    final String owner;
    final String sharedAccount;
    final String sharedAccountId;
    final long pinA;
    final long pinB;
    double seedSeconds;

    private PinOrganization(int holders, String alias, String id, String owner, String sharedAccount, String sharedAccountId,
                            long pinA, long pinB) {
        this.holders = holders;
        this.alias = alias;
        this.id = id;
        this.owner = owner;
        this.sharedAccount = sharedAccount;
        this.sharedAccountId = sharedAccountId;
        this.pinA = pinA;
        this.pinB = pinB;
    }

    /** The organization, its groups, owner, PIN length and shared account through the product's APIs; no holders yet. */
    static PinOrganization create(BenchRealm realm, String alias, int holders, Random random) {
        String domain = alias + ".example";
        String id = realm.createOrganization(alias, alias, Map.of());
        realm.createPermissionGroup(id, GROUP, List.of("pos:sell"));
        realm.createPermissionGroup(id, EVEN_GROUP, List.of("pos:sell"));
        String owner = "owner@" + domain;
        realm.bootstrapOwner(id, realm.createUser(owner, "Pin", "Owner", true));
        // R-PIN-2: the PIN length is the owner's setting, through the organization API
        Http api = realm.newClient();
        String ownerToken = realm.passwordGrant(api, RealmAdmin.CATALOGUE_CLIENT, owner, "openid").get("access_token").asText();
        api.send("PUT", "/realms/" + realm.name() + "/backoffice/organizations/" + id + "/settings", ownerToken,
                Map.of("pinLength", PIN_LENGTH), java.time.Duration.ofMinutes(2)).expect(200, "PIN length of " + alias);
        String shared = "frontdesk@" + domain;
        String sharedId = realm.createUser(shared, "Front", "Desk", true);
        realm.addAdministrator(id, sharedId, List.of(GROUP));
        realm.pinSettings(id, sharedId, "SHARED");
        long a;
        synchronized (random) {
            do {
                a = 1 + random.nextInt((int) (PIN_SPACE - 1));
            } while (a % 2 == 0 || a % 5 == 0);
            return new PinOrganization(holders, alias, id, owner, shared, sharedId, a, random.nextInt((int) PIN_SPACE));
        }
    }

    Holder holder(int number) {
        return new Holder(number, "holder" + number + "@" + alias + ".example",
                String.format("%08d", Math.floorMod(pinA * number + pinB, PIN_SPACE)));
    }

    /** Any of the organization's holders, each as likely. */
    Holder randomHolder(Random random) {
        synchronized (random) {
            return holder(random.nextInt(holders));
        }
    }
}
