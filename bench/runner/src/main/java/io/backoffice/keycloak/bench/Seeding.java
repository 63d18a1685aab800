package io.backoffice.keycloak.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Seeds one organization's administrators through the benchmark-only bulk path, in batches of
 * {@code batch} people, {@code parallel} batches at a time, printing progress.
 */
final class Seeding {

    private Seeding() {
    }

    /**
     * Returns PIN holders (userId, username, PIN) sampled from every batch, about {@code sample} in all, so
     * those typed later are spread over the whole organization rather than its most recently seeded people;
     * empty without PINs.
     */
    static List<JsonNode> seed(BenchRealm realm, String organizationId, String label, String prefix, String domain, int total,
                               String group, boolean pin, int sample, int batch, int parallel) throws Exception {
        long started = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        List<JsonNode> sampled = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> batches = new ArrayList<>();
            int perBatch = Math.max(1, (int) Math.ceil(sample / Math.ceil(total / (double) batch)));
            for (int from = 0; from < total; from += batch) {
                int first = from;
                int count = Math.min(batch, total - from);
                batches.add(workers.submit(() -> {
                    JsonNode seeded = realm.bulkAdministrators(organizationId, prefix, domain, first, count, group, pin,
                            Math.min(count, perBatch));
                    synchronized (sampled) {
                        seeded.get("sample").forEach(sampled::add);
                    }
                    int now = done.addAndGet(count);
                    int step = Math.max(batch, total / 20);
                    if (total >= 1000 && (now / step > (now - count) / step || now == total)) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        BenchMain.log(String.format("  %s: %,d / %,d %s (%.0f s, %,.0f per second)", label, now, total,
                                pin ? "PIN holders" : "administrators", seconds, now / seconds));
                    }
                    return null;
                }));
            }
            for (Future<?> f : batches) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
        return sampled;
    }
}
