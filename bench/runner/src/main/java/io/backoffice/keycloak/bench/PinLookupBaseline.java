package io.backoffice.keycloak.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.backoffice.keycloak.testkit.Http;

/**
 * What the PIN index buys: the PIN lookup alone, through the benchmark-only seeder's
 * {@code pin-lookup} endpoint, as the PIN step does it ({@code indexed}) against a naive baseline
 * ({@code naive}: the digest compared against every holder's), in each PIN organization, one client,
 * rounds in a random order. Holders drawn at random from all of each organization's.
 */
final class PinLookupBaseline {

    enum Mode { INDEXED, NAIVE }

    private final BenchRealm realm;
    private final List<PinOrganization> organizations;
    private final Map<Mode, Map<Integer, Latencies>> results = new LinkedHashMap<>();

    PinLookupBaseline(BenchRealm realm, List<PinOrganization> organizations) {
        this.realm = realm;
        this.organizations = organizations;
        for (Mode mode : Mode.values()) {
            Map<Integer, Latencies> bySize = new LinkedHashMap<>();
            organizations.forEach(o -> bySize.put(o.holders, new Latencies()));
            results.put(mode, bySize);
        }
    }

    Map<Mode, Map<Integer, Latencies>> run(int rounds, int perSlot, Random random, long deadline) {
        Http api = realm.newClient();
        for (PinOrganization organization : organizations) {
            for (Mode mode : Mode.values()) {
                lookup(api, organization, mode, random, null);
            }
        }
        for (int round = 0; round < rounds && (round < BenchMain.MIN_ROUNDS || System.nanoTime() < deadline); round++) {
            List<Object[]> order = new ArrayList<>();
            for (PinOrganization organization : organizations) {
                for (Mode mode : Mode.values()) {
                    order.add(new Object[] {organization, mode});
                }
            }
            Collections.shuffle(order, random);
            for (Object[] pair : order) {
                PinOrganization organization = (PinOrganization) pair[0];
                Mode mode = (Mode) pair[1];
                for (int i = 0; i < perSlot; i++) {
                    lookup(api, organization, mode, random, results.get(mode).get(organization.holders));
                }
            }
            StringBuilder line = new StringBuilder(String.format("  PIN lookup round %d/%d, medians so far:", round + 1, rounds));
            results.forEach((mode, bySize) -> {
                line.append(" ").append(mode.name().toLowerCase());
                bySize.forEach((size, l) -> line.append(String.format(" %,d:%.2fms", size, l.median())));
                line.append(";");
            });
            BenchMain.log(line.toString());
        }
        return results;
    }

    private void lookup(Http api, PinOrganization organization, Mode mode, Random random, Latencies latencies) {
        String pin = organization.randomHolder(random).pin();
        String token = realm.server().token();
        String url = "/admin/realms/" + realm.name() + "/backoffice-bench-seed/organizations/" + organization.id + "/pin-lookup?mode="
                + mode.name().toLowerCase();
        long t0 = System.nanoTime();
        Http.Reply reply = api.send("POST", url, token, pin, Duration.ofMinutes(2));
        long elapsed = System.nanoTime() - t0;
        if (reply.status() != 200 || !reply.json().path("found").asBoolean()) {
            throw new IllegalStateException("PIN lookup (" + mode + ", " + organization.holders + " holders) did not find the holder: "
                    + reply.status());
        }
        if (latencies != null) {
            latencies.add(elapsed);
        }
    }
}
