package io.backoffice.keycloak.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * SQL statements the server prepared, from Hibernate's statistics as Keycloak's metrics endpoint exports them
 * ({@code hibernate_statements_total{status="prepared"}} on the management port; the server is built with
 * {@code --metrics-enabled=true} and {@code quarkus.hibernate-orm.metrics.enabled=true}). Every JPA query,
 * load and write Keycloak or our providers send goes through Hibernate, so the difference before and after
 * some requests, with nothing else running, is what those requests cost the database in statements: a
 * figure that machine noise does not move. (pg_stat_statements would need {@code shared_preload_libraries}
 * and a PostgreSQL restart, which a shared machine's database does not allow.)
 */
final class SqlCounter {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI metrics;

    SqlCounter(int managementPort) {
        this.metrics = URI.create("http://localhost:" + managementPort + "/metrics");
    }

    /** Statements prepared so far, over all persistence units. */
    long statements() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double total = 0;
            boolean found = false;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("hibernate_statements_total{") && line.contains("status=\"prepared\"")) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalStateException("No hibernate_statements_total at " + metrics + " (status " + response.statusCode() + ")");
            }
            return Math.round(total);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Statements per call of {@code operation}, run {@code times} times one after another (nothing else running). */
    double perCall(int times, Runnable operation) {
        long before = statements();
        for (int i = 0; i < times; i++) {
            operation.run();
        }
        return Math.round((statements() - before) * 100.0 / times) / 100.0;
    }
}
