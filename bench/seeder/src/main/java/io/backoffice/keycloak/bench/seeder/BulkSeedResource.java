package io.backoffice.keycloak.bench.seeder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.PinMode;
import io.backoffice.keycloak.core.rules.PinPolicy;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.service.pin.PinDigest;
import io.backoffice.keycloak.core.service.pin.PinService;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.AdministratorStore;

/**
 * BENCHMARK ONLY: makes many confirmed administrators (optionally PIN holders) of one organization fast
 * enough for a million. The first of them, the <em>template</em>, is made through the product's own
 * classes and what {@link AdministratorService#addAdministrator} does with Keycloak's: a confirmed user,
 * its organization membership and permission group ({@link OrganizationProvider#addMember},
 * {@code joinGroup}), the record ({@link AdministratorEntity}, {@link AdministratorStore#insert}) with a
 * PIN digest from the realm's {@link PinDigest}. The others are copies of the template's rows (every row
 * of Keycloak's user tables and ours that names it) made by the database itself, with SQL batch inserts of
 * {@value #CHUNK} people per transaction: their own ids, usernames, emails, creation times and PIN digests.
 * Left out, for speed: the administrator view that addAdministrator builds and returns, R-PIN-5's holder
 * count per PIN (checked once per call instead), and Keycloak's caches (the benchmark clears them after
 * seeding, {@code clear-user-cache}, {@code clear-realm-cache}).
 *
 * <p>PINs: holder {@code i} has {@code (a * i + b) mod 10^length}, {@code a} coprime with 10 (a
 * permutation, so no two holders of the organization share one; {@code a} and {@code b} come from the
 * benchmark, which can then type any holder's PIN without the server ever answering one).
 */
public class BulkSeedResource {

    static final int CHUNK = 10_000;
    /** Keycloak's user tables and ours that name a user; copied in this order (foreign keys to USER_ENTITY first). */
    private static final List<String> USER_TABLES = List.of("user_entity", "user_role_mapping", "user_group_membership",
            "user_attribute", "user_required_action", "boa_administrator");

    private final KeycloakSession session;
    private final RealmModel realm;

    public BulkSeedResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** What to make: people {@code <prefix><i>@<domain>} for i in [from, from + count). */
    public record Seed(String prefix, String domain, int from, int count, List<String> groups, String evenGroup, Long pinA, Long pinB) {
    }

    /**
     * Creates {@code count} administrators {@code <prefix><from + i>@<domain>} holding {@code groups} (and,
     * for even i, {@code evenGroup} too); with {@code pinA} and {@code pinB}, each a PIN holder. Answers how
     * many and how long; never a PIN.
     */
    @POST
    @Path("organizations/{organizationId}/administrators")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> seed(@PathParam("organizationId") String organizationId, Seed seed) {
        if (seed == null || seed.prefix() == null || seed.domain() == null || seed.groups() == null || seed.groups().isEmpty()
                || seed.count() < 1 || (seed.pinA() == null) != (seed.pinB() == null) || (seed.pinA() != null && (seed.pinA() % 2 == 0
                || seed.pinA() % 5 == 0))) {
            throw new BadRequestException("prefix, domain, groups, count >= 1 are required; pinA (coprime with 10) and pinB go together");
        }
        long started = System.nanoTime();
        String realmId = realm.getId();
        OrganizationModel organization = new AdministratorService(session, realm).requireOrganization(organizationId);
        boolean pin = seed.pinA() != null;
        int length = PinService.pinLength(session, organization);
        if (pin) {
            long holders = new AdministratorStore(session).countPinHolders(organizationId);
            PinPolicy.requireRoomForAnotherHolder(holders + seed.count() - 1, length);
        }
        String evenGroupId = seed.evenGroup() == null ? null
                : new AdministratorService(session, realm).requireGroups(organization, List.of(seed.evenGroup())).get(0).getId();
        String[] template = new String[1];
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                s -> template[0] = seedTemplate(s, realmId, organizationId, seed, length));
        for (int start = 1; start < seed.count(); start += CHUNK) {
            int first = seed.from() + start;
            int last = seed.from() + Math.min(seed.count(), start + CHUNK);
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                    s -> copyTemplate(s, realmId, organizationId, template[0], seed, evenGroupId, first, last, length));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("created", seed.count());
        answer.put("millis", (System.nanoTime() - started) / 1_000_000);
        return answer;
    }

    /**
     * SQL statements Hibernate has prepared since the server started counting: Hibernate's own statistics,
     * switched on at the first call (Keycloak builds its persistence unit from a persistence.xml, so
     * Quarkus's Hibernate metrics cannot be enabled). Every JPA query, load and write of Keycloak and our
     * providers goes through it; the benchmark reads this before and after some requests.
     */
    @GET
    @Path("sql-statements")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> sqlStatements() {
        org.hibernate.stat.Statistics statistics = session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .getEntityManagerFactory().unwrap(org.hibernate.SessionFactory.class).getStatistics();
        if (!statistics.isStatisticsEnabled()) {
            statistics.setStatisticsEnabled(true);
        }
        return Map.of("statements", statistics.getPrepareStatementCount());
    }

    /**
     * What the PIN index buys, benchmark only: finds the holder of a PIN (request body) either as the PIN
     * step does ({@code indexed}: the organization's keyed digest, one lookup through the unique
     * (organization, digest) index, {@link AdministratorStore#findByPinDigest}) or {@code naive}ly: the same
     * digest compared against every holder's, read from the database. Answers only whether one was found;
     * the PIN is never logged or returned.
     */
    @POST
    @Path("organizations/{organizationId}/pin-lookup")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> pinLookup(@PathParam("organizationId") String organizationId, @QueryParam("mode") String mode,
                                         String pin) {
        OrganizationModel organization = new AdministratorService(session, realm).requireOrganization(organizationId);
        String digest = new PinService(session, realm).digests().digest(organization.getId(), pin.strip());
        boolean found;
        if ("indexed".equals(mode)) {
            found = new AdministratorStore(session).findByPinDigest(organizationId, digest).isPresent();
        } else if ("naive".equals(mode)) {
            // deliberately outside core's store: a baseline no product code should use
            found = session.getProvider(JpaConnectionProvider.class).getEntityManager()
                    .createQuery("select a.pinDigest from AdministratorEntity a where a.organizationId = :organizationId"
                            + " and a.pinDigest is not null", String.class)
                    .setParameter("organizationId", organizationId)
                    .getResultStream()
                    .anyMatch(each -> java.security.MessageDigest.isEqual(each.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                            digest.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } else {
            throw new BadRequestException("mode must be indexed or naive");
        }
        return Map.of("found", found);
    }

    /** The first person through the product's and Keycloak's classes; answers its user id. */
    private static String seedTemplate(KeycloakSession s, String realmId, String organizationId, Seed seed, int length) {
        RealmModel r = s.realms().getRealm(realmId);
        s.getContext().setRealm(r);
        AdministratorService administrators = new AdministratorService(s, r);
        OrganizationModel organization = administrators.requireOrganization(organizationId);
        int i = seed.from();
        // a confirmed user (R-ADMIN-2: only confirmed people act), a member holding its permission groups
        String email = seed.prefix() + i + "@" + seed.domain();
        UserModel user = s.users().addUser(r, email);
        user.setEnabled(true);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName("Bench");
        user.setLastName("Person " + i);
        s.getProvider(OrganizationProvider.class).addMember(organization, user);
        List<String> groups = new ArrayList<>(seed.groups());
        if (seed.evenGroup() != null && i % 2 == 0) {
            groups.add(seed.evenGroup());
        }
        administrators.requireGroups(organization, groups).forEach(user::joinGroup);
        AdministratorEntity record = new AdministratorEntity();
        record.setOrganizationId(organization.getId());
        record.setUserId(user.getId());
        record.setRealmId(r.getId());
        record.setStatus(AdministratorStatus.ACTIVE);
        record.setPinMode(PinMode.NONE);
        // R-ADMIN-5: the access decision refuses a record that does not know the user's username and email
        AdministratorService.acceptIdentity(record, user);
        if (seed.pinA() != null) {
            record.setPinMode(PinMode.PIN);
            record.setPinDigest(new PinService(s, r).digests().digest(organizationId, pin(seed, i, length)));
        }
        administrators.store().insert(record);
        return user.getId();
    }

    /**
     * People {@code first} to {@code last - 1}: every row that names the template in {@link #USER_TABLES},
     * copied by one {@code INSERT ... SELECT} per table over arrays of new user ids, PIN digests and
     * numbers; the even group's membership by each copy's own number.
     */
    private static void copyTemplate(KeycloakSession s, String realmId, String organizationId, String template, Seed seed,
                                     String evenGroupId, int first, int last, int length) {
        RealmModel r = s.realms().getRealm(realmId);
        s.getContext().setRealm(r);
        PinDigest digests = seed.pinA() != null ? new PinService(s, r).digests() : null;
        int n = last - first;
        String[] ids = new String[n];
        String[] pinDigests = new String[n];
        Integer[] numbers = new Integer[n];
        for (int k = 0; k < n; k++) {
            int i = first + k;
            ids[k] = KeycloakModelUtils.generateId();
            pinDigests[k] = digests == null ? null : digests.digest(organizationId, pin(seed, i, length));
            numbers[k] = i;
        }
        String name = "? || n.i || '@' || ?";
        s.getProvider(JpaConnectionProvider.class).getEntityManager().unwrap(org.hibernate.Session.class).doWork(connection -> {
            java.sql.Array idArray = connection.createArrayOf("varchar", ids);
            java.sql.Array digestArray = connection.createArrayOf("varchar", pinDigests);
            java.sql.Array numberArray = connection.createArrayOf("integer", numbers);
            for (String table : USER_TABLES) {
                List<String> columns = columns(connection, table);
                if (columns.isEmpty()) {
                    continue;
                }
                String key = table.equals("user_entity") ? "id" : "user_id";
                List<String> expressions = new ArrayList<>();
                int names = 0;
                for (String column : columns) {
                    String expression = switch (table + "." + column) {
                        case "user_entity.id", "user_role_mapping.user_id", "user_group_membership.user_id", "user_attribute.user_id",
                             "user_required_action.user_id", "boa_administrator.user_id" -> "n.uid";
                        case "user_entity.username", "user_entity.email", "boa_administrator.known_username",
                             "boa_administrator.known_email" -> name;
                        case "user_entity.email_constraint" -> "case when t.email_constraint = t.email then " + name
                                + " else gen_random_uuid()::text end";
                        case "user_entity.last_name" -> "'Person ' || n.i";
                        case "user_entity.created_timestamp" -> "t.created_timestamp + n.i - " + seed.from();
                        case "boa_administrator.created_at", "boa_administrator.updated_at" -> "t." + column + " + n.i - " + seed.from();
                        case "boa_administrator.pin_digest" -> "n.digest";
                        case "user_attribute.id" -> "gen_random_uuid()::text";
                        default -> "t." + column;
                    };
                    if (expression.contains(name)) {
                        names += expression.split(java.util.regex.Pattern.quote(name), -1).length - 1;
                    }
                    expressions.add(expression);
                }
                String sql = "insert into " + table + " (" + String.join(", ", columns) + ") select " + String.join(", ", expressions)
                        + " from " + table + " t cross join unnest(?::varchar[], ?::varchar[], ?::integer[]) as n(uid, digest, i)"
                        + " where t." + key + " = ?"
                        // the even group: copied by number below, not from the (even) template
                        + (evenGroupId != null && table.equals("user_group_membership") ? " and t.group_id <> ?" : "");
                try (java.sql.PreparedStatement insert = connection.prepareStatement(sql)) {
                    int p = 1;
                    for (int k = 0; k < names; k++) {
                        insert.setString(p++, seed.prefix());
                        insert.setString(p++, seed.domain());
                    }
                    insert.setArray(p++, idArray);
                    insert.setArray(p++, digestArray);
                    insert.setArray(p++, numberArray);
                    insert.setString(p++, template);
                    if (evenGroupId != null && table.equals("user_group_membership")) {
                        insert.setString(p, evenGroupId);
                    }
                    insert.executeUpdate();
                }
            }
            if (evenGroupId != null) {
                // the even group by the copies' own numbers
                try (java.sql.PreparedStatement insert = connection.prepareStatement("insert into user_group_membership"
                        + " (group_id, user_id, membership_type) select ?, n.uid, 'UNMANAGED'"
                        + " from unnest(?::varchar[], ?::integer[]) as n(uid, i) where n.i % 2 = 0")) {
                    insert.setString(1, evenGroupId);
                    insert.setArray(2, idArray);
                    insert.setArray(3, numberArray);
                    insert.executeUpdate();
                }
            }
        });
    }

    /** Holder {@code i}'s PIN: a permutation of the PIN space (see the class comment). */
    private static String pin(Seed seed, int i, int length) {
        long space = (long) Math.pow(10, length);
        return String.format("%0" + length + "d", Math.floorMod(seed.pinA() * i + seed.pinB(), space));
    }

    /** The table's columns, lower case, in order; empty when there is no such table. */
    private static List<String> columns(java.sql.Connection connection, String table) throws java.sql.SQLException {
        List<String> columns = new ArrayList<>();
        try (java.sql.PreparedStatement query = connection.prepareStatement("select column_name from information_schema.columns"
                + " where table_schema = current_schema() and lower(table_name) = ? order by ordinal_position")) {
            query.setString(1, table);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return columns;
    }
}
