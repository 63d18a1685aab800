package io.backoffice.keycloak.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeds organizations' PIN holders through the benchmark-only bulk path (bench/seeder: one holder through
 * the product's classes, the rest copied by SQL batch inserts), one call per organization,
 * {@code parallel} organizations at a time, printing progress.
 */
final class Seeding {

    private Seeding() {
    }

    static void seed(BenchRealm realm, List<PinOrganization> organizations, boolean evenGroup, int parallel, String label)
            throws Exception {
        long started = System.nanoTime();
        long total = organizations.stream().mapToLong(o -> o.holders).sum();
        AtomicLong done = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (PinOrganization organization : organizations) {
                calls.add(workers.submit(() -> {
                    long t0 = System.nanoTime();
                    Map<String, Object> seed = new LinkedHashMap<>();
                    seed.put("prefix", "holder");
                    seed.put("domain", organization.alias + ".example");
                    seed.put("from", 0);
                    seed.put("count", organization.holders);
                    seed.put("groups", List.of(PinOrganization.GROUP));
                    seed.put("evenGroup", evenGroup ? PinOrganization.EVEN_GROUP : null);
                    seed.put("pinA", organization.pinA);
                    seed.put("pinB", organization.pinB);
                    realm.bulkAdministrators(organization.id, seed);
                    organization.seedSeconds = (System.nanoTime() - t0) / 1e9;
                    long now = done.addAndGet(organization.holders);
                    long step = Math.max(1, total / 10);
                    if (now / step > (now - organization.holders) / step || now == total) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        BenchMain.log(String.format("  %s: %,d / %,d PIN holders (%.0f s, %,.0f per second)", label, now, total,
                                seconds, now / seconds));
                    }
                    return null;
                }));
            }
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
    }
}
