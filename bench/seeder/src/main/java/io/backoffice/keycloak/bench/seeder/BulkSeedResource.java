package io.backoffice.keycloak.bench.seeder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.FlushModeType;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.PinMode;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.PinPolicy;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.service.pin.PinDigest;
import io.backoffice.keycloak.core.service.pin.PinGenerator;
import io.backoffice.keycloak.core.service.pin.PinService;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.AdministratorStore;

/**
 * BENCHMARK ONLY: makes many confirmed administrators (optionally PIN holders) of one organization fast
 * enough for 100,000, through the product's own classes and what {@link AdministratorService#addAdministrator}
 * does with Keycloak's: a confirmed user, its organization membership and permission group
 * ({@link OrganizationProvider#addMember}, {@code joinGroup}), the record ({@link AdministratorEntity},
 * {@link AdministratorStore#insert}), and the PIN drawn as {@link PinService#issuePin} draws it
 * ({@link PinGenerator}, the realm's {@link PinDigest}, a free digest checked with
 * {@link AdministratorStore#findByPinDigest}). Left out, for speed: the administrator view that
 * addAdministrator builds and returns, and R-PIN-5's holder count per PIN (a query over all holders of the
 * organization; checked once per batch instead). Chunks of {@code chunk} people run in their own short
 * transactions: each Hibernate flush walks the whole persistence context.
 */
public class BulkSeedResource {

    private static final int ATTEMPTS = 5;
    private static final int CHUNK_ATTEMPTS = 3;

    private final KeycloakSession session;
    private final RealmModel realm;

    public BulkSeedResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * Creates {@code count} administrators {@code <prefix><from + i>@<domain>} holding {@code group};
     * answers how many, how long, and the PINs of the last {@code sample} of them (the benchmark types them).
     */
    @POST
    @Path("organizations/{organizationId}/administrators")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> seed(@PathParam("organizationId") String organizationId,
                                    @QueryParam("prefix") String prefix, @QueryParam("domain") String domain,
                                    @QueryParam("from") int from, @QueryParam("count") int count,
                                    @QueryParam("group") String group, @QueryParam("pin") boolean pin,
                                    @QueryParam("sample") int sample, @QueryParam("chunk") @DefaultValue("20") int chunk) {
        if (prefix == null || domain == null || group == null || count < 1 || chunk < 1) {
            throw new BadRequestException("prefix, domain, group, count >= 1 and chunk >= 1 are required");
        }
        long started = System.nanoTime();
        String realmId = realm.getId();
        if (pin) {
            OrganizationModel organization = new AdministratorService(session, realm).requireOrganization(organizationId);
            long holders = new AdministratorStore(session).countPinHolders(organizationId);
            PinPolicy.requireRoomForAnotherHolder(holders + count - 1, PinService.pinLength(session, organization));
        }
        List<Map<String, String>> pins = new ArrayList<>();
        for (int start = 0; start < count; start += chunk) {
            int first = from + start;
            int last = from + Math.min(count, start + chunk);
            for (int attempt = 1; ; attempt++) {
                List<Map<String, String>> chunkPins = new ArrayList<>();
                try {
                    KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                            s -> seedChunk(s, realmId, organizationId, prefix, domain, first, last, group, pin,
                                    from + count - sample, chunkPins));
                    pins.addAll(chunkPins);
                    break;
                } catch (ProblemException | ModelDuplicateException e) {
                    // a PIN drawn at the same moment by a concurrent chunk of the same organization (409): the
                    // chunk was rolled back whole, so it can simply run again
                    boolean conflict = !(e instanceof ProblemException problem) || problem.status() == 409;
                    if (!conflict || attempt == CHUNK_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("created", count);
        answer.put("millis", (System.nanoTime() - started) / 1_000_000);
        answer.put("sample", pins);
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

    private static void seedChunk(KeycloakSession s, String realmId, String organizationId, String prefix, String domain,
                                  int first, int last, String group, boolean pin, int sampleFrom, List<Map<String, String>> pins) {
        // Hibernate flushes before each query by default, and each flush walks the whole persistence
        // context (realm, roles, groups): the explicit flushes (user, record) are enough here.
        s.getProvider(JpaConnectionProvider.class).getEntityManager().setFlushMode(FlushModeType.COMMIT);
        RealmModel r = s.realms().getRealm(realmId);
        s.getContext().setRealm(r);
        AdministratorService administrators = new AdministratorService(s, r);
        OrganizationModel organization = administrators.requireOrganization(organizationId);
        GroupModel permissionGroup = administrators.requireGroups(organization, List.of(group)).get(0);
        OrganizationProvider organizations = s.getProvider(OrganizationProvider.class);
        AdministratorStore store = administrators.store();
        PinDigest digests = pin ? new PinService(s, r).digests() : null;
        int length = PinService.pinLength(s, organization);
        for (int i = first; i < last; i++) {
            // a confirmed user (R-ADMIN-2: only confirmed people act), a member holding one permission group
            String email = prefix + i + "@" + domain;
            UserModel user = s.users().addUser(r, email);
            user.setEnabled(true);
            user.setEmail(email);
            user.setEmailVerified(true);
            user.setFirstName("Bench");
            user.setLastName("Person " + i);
            organizations.addMember(organization, user);
            user.joinGroup(permissionGroup);
            AdministratorEntity record = new AdministratorEntity();
            record.setOrganizationId(organization.getId());
            record.setUserId(user.getId());
            record.setRealmId(r.getId());
            record.setStatus(AdministratorStatus.ACTIVE);
            record.setPinMode(PinMode.NONE);
            // R-ADMIN-5: the access decision refuses a record that does not know the user's username and email
            AdministratorService.acceptIdentity(record, user);
            if (pin) {
                String[] issued = freePin(store, organization, digests, length);
                record.setPinMode(PinMode.PIN);
                record.setPinDigest(issued[1]);
                if (i >= sampleFrom) {
                    Map<String, String> holder = new LinkedHashMap<>();
                    holder.put("userId", user.getId());
                    holder.put("username", user.getUsername());
                    holder.put("pin", issued[0]);
                    pins.add(holder);
                }
            }
            store.insert(record);
        }
    }

    /** As {@link PinService#issuePin} draws one: a PIN and its digest that no holder of the organization has. */
    private static String[] freePin(AdministratorStore store, OrganizationModel organization, PinDigest digests, int length) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String pin = PinGenerator.generate(length);
            String digest = digests.digest(organization.getId(), pin);
            if (store.findByPinDigest(organization.getId(), digest).isEmpty()) {
                return new String[] {pin, digest};
            }
        }
        throw ProblemException.conflict("pin_space_crowded", "Could not find a free PIN.");
    }
}
