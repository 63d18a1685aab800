package io.backoffice.keycloak.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.backoffice.keycloak.testkit.Http;
import io.backoffice.keycloak.testkit.RealmAdmin;

/**
 * The organization API's administrators list
 * ({@code GET /realms/{r}/backoffice/organizations/{org}/administrators?first=…&max=50}), called by the
 * owner with a bearer token: its first, middle and last page, a search for one holder's username and a
 * group filter (the group every other holder holds), in organizations of 100 … 100,000 confirmed administrators (the PIN organizations of those sizes:
 * holders are administrators, so seeding them once serves both measurements).
 */
final class AdminListBenchmark {

    static final int PAGE = 50;

    static final class AdminOrganization {
        /** The size it stands for (its PIN holders); {@link #administrators} adds the shared account and the owner. */
        final int size;
        final String id;
        final String owner;
        final int administrators;
        /** A holder's username: the search term (one match, found by a scan of the organization's users). */
        final String searchTerm;
        /**
         * The {@code after} cursors of the middle and the last page, as a client following the pages' {@code next}
         * links would hold them (null: the page is the first); read once, untimed, before the warm-up.
         */
        String middleCursor;
        String lastCursor;

        AdminOrganization(int size, String id, String owner, int administrators, String searchTerm) {
            this.size = size;
            this.id = id;
            this.owner = owner;
            this.administrators = administrators;
            this.searchTerm = searchTerm;
        }
    }

    /** Which request of the list: where its page starts and what it filters. */
    enum Request {
        FIRST, MIDDLE, LAST, SEARCH, GROUP;

        /** A page of the whole list (judged as list_page_ratio), or a filter (list_filter_ratio). */
        boolean page() {
            return this == FIRST || this == MIDDLE || this == LAST;
        }

        String description() {
            return switch (this) {
                case FIRST -> "first page of " + PAGE;
                case MIDDLE -> "the page in the middle, by its cursor (after=)";
                case LAST -> "the last page, by its cursor (after=)";
                case SEARCH -> "search for one holder's username, one match";
                case GROUP -> "group filter, a group every other holder holds, first page";
            };
        }

        String query(AdminOrganization o) {
            return switch (this) {
                case FIRST -> "first=0&max=" + PAGE;
                case MIDDLE -> (o.middleCursor == null ? "" : "after=" + o.middleCursor + "&") + "max=" + PAGE;
                case LAST -> (o.lastCursor == null ? "" : "after=" + o.lastCursor + "&") + "max=" + PAGE;
                case SEARCH -> "first=0&max=" + PAGE + "&search=" + java.net.URLEncoder.encode(o.searchTerm,
                        java.nio.charset.StandardCharsets.UTF_8);
                case GROUP -> "first=0&max=" + PAGE + "&group=" + Http.enc(PinOrganization.EVEN_GROUP).replace("+", "%20");
            };
        }

        int expected(AdminOrganization o) {
            return switch (this) {
                case FIRST, LAST -> Math.min(PAGE, o.administrators);
                case MIDDLE -> Math.min(PAGE, o.administrators - o.administrators / 2);
                case SEARCH -> 1;
                case GROUP -> Math.min(PAGE, (o.size + 1) / 2);
            };
        }
    }

    private final BenchRealm realm;
    private final List<AdminOrganization> organizations;
    /** Latencies by request, then by organization size. */
    private final Map<Request, Map<Integer, Latencies>> results = new LinkedHashMap<>();
    private final Map<Request, Map<Integer, Double>> statements = new LinkedHashMap<>();
    private final AtomicInteger reportedErrors = new AtomicInteger();

    AdminListBenchmark(BenchRealm realm, List<AdminOrganization> organizations) {
        this.realm = realm;
        this.organizations = organizations;
        for (Request request : Request.values()) {
            Map<Integer, Latencies> bySize = new LinkedHashMap<>();
            organizations.forEach(o -> bySize.put(o.size, new Latencies()));
            results.put(request, bySize);
            statements.put(request, new LinkedHashMap<>());
        }
    }

    /** A PIN organization's administrators: its holders, its shared account and its owner. */
    static AdminOrganization of(PinOrganization organization) {
        return new AdminOrganization(organization.holders, organization.id, organization.owner, organization.holders + 2,
                organization.holder(organization.holders / 2).username());
    }

    Map<Request, Map<Integer, Latencies>> results() {
        return results;
    }

    Map<Request, Map<Integer, Double>> statements() {
        return statements;
    }

    /**
     * One warm-up call per organization and request, the SQL statements of each (one client, nothing else
     * running), then rounds in which every (organization, request) pair, in a new random order, gets a slot
     * where each client calls back to back, at most {@code perClient} times and, after the first call, only
     * while {@code slotSeconds} last.
     */
    void run(ExecutorService pool, int clients, int rounds, int perClient, double slotSeconds, Random random, long deadline,
             SqlCounter sql) throws Exception {
        List<Http> apis = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            apis.add(realm.newClient());
        }
        Map<AdminOrganization, String> tokens = new LinkedHashMap<>();
        for (AdminOrganization organization : organizations) {
            String token = token(apis.get(0), organization);
            tokens.put(organization, token);
            organization.middleCursor = cursorBefore(apis.get(0), organization, organization.administrators / 2, token);
            organization.lastCursor = cursorBefore(apis.get(0), organization, Math.max(0, organization.administrators - PAGE), token);
            for (Request request : Request.values()) {
                slot(pool, apis.subList(0, 1), organization, request, token, 1, 0, null);
                statements.get(request).put(organization.size, sql.perCall(5,
                        () -> call(apis.get(0), organization, request, token, null)));
            }
            BenchMain.log(String.format("  list SQL statements per request, %,d administrators: %s", organization.size,
                    statementsOf(organization.size)));
        }
        for (int round = 0; round < rounds && (round < BenchMain.MIN_ROUNDS || System.nanoTime() < deadline); round++) {
            List<Object[]> order = new ArrayList<>();
            for (AdminOrganization organization : organizations) {
                for (Request request : Request.values()) {
                    order.add(new Object[] {organization, request});
                }
            }
            Collections.shuffle(order, random);
            for (Object[] pair : order) {
                AdminOrganization organization = (AdminOrganization) pair[0];
                Request request = (Request) pair[1];
                slot(pool, apis, organization, request, tokens.get(organization), perClient, slotSeconds,
                        results.get(request).get(organization.size));
            }
            StringBuilder line = new StringBuilder(String.format("  list round %d/%d, medians so far:", round + 1, rounds));
            for (Request request : Request.values()) {
                line.append(" ").append(request.name().toLowerCase());
                results.get(request).forEach((size, l) -> line.append(String.format(" %,d:%.1fms", size, l.median())));
                line.append(";");
            }
            BenchMain.log(line.toString());
            // a new token each round: an access token lives a few minutes
            tokens.replaceAll((organization, old) -> token(apis.get(0), organization));
        }
    }

    private String statementsOf(int size) {
        StringBuilder out = new StringBuilder();
        statements.forEach((request, bySize) -> out.append(request.name().toLowerCase()).append(' ').append(bySize.get(size)).append("; "));
        return out.toString();
    }

    /**
     * The cursor of the page starting at {@code position}: the {@code next} link of a one-item page by offset
     * that ends just before it (the cursor is opaque; this is how a client gets one without walking every page).
     */
    private String cursorBefore(Http api, AdminOrganization organization, int position, String token) {
        if (position == 0) {
            return null;
        }
        Http.Reply reply = api.send("GET", listUrl(organization) + "first=" + (position - 1) + "&max=1", token, null, Duration.ofMinutes(5))
                .expect(200, "list page before " + position);
        String link = reply.raw().headers().firstValue("Link").orElseThrow(() -> new IllegalStateException(
                "No next link on a full page of the administrators list: " + reply));
        java.util.regex.Matcher after = java.util.regex.Pattern.compile("[?&]after=([^&>]+)").matcher(link);
        if (!after.find()) {
            throw new IllegalStateException("No after= in the next link: " + link);
        }
        return after.group(1);
    }

    private String listUrl(AdminOrganization organization) {
        return "/realms/" + realm.name() + "/backoffice/organizations/" + organization.id + "/administrators?";
    }

    private String token(Http api, AdminOrganization organization) {
        return realm.passwordGrant(api, RealmAdmin.CATALOGUE_CLIENT, organization.owner, "openid").get("access_token").asText();
    }

    private void slot(ExecutorService pool, List<Http> apis, AdminOrganization organization, Request request, String token,
                      int perClient, double slotSeconds, Latencies latencies) throws Exception {
        long deadline = System.nanoTime() + (long) (slotSeconds * 1e9);
        List<Future<?>> running = new ArrayList<>();
        for (Http api : apis) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < perClient && (i == 0 || System.nanoTime() < deadline); i++) {
                    call(api, organization, request, token, latencies);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    private void call(Http api, AdminOrganization organization, Request request, String token, Latencies latencies) {
        String url = listUrl(organization) + request.query(organization);
        int expected = request.expected(organization);
        long t0 = System.nanoTime();
        Http.Reply reply = api.send("GET", url, token, null, Duration.ofMinutes(5));
        long elapsed = System.nanoTime() - t0;
        if (reply.status() == 200 && reply.json().size() == expected) {
            if (latencies != null) {
                latencies.add(elapsed);
            }
        } else {
            if (latencies != null) {
                latencies.error();
            }
            if (reportedErrors.incrementAndGet() <= 5) {
                BenchMain.log("  list " + request + " of " + organization.administrators + " administrators: expected " + expected
                        + " items, got " + reply);
            }
        }
    }
}
