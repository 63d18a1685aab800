package io.backoffice.keycloak.bench.seeder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.FlushModeType;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.backoffice.keycloak.core.AdministratorService;
import io.backoffice.keycloak.core.AdministratorView;
import io.backoffice.keycloak.core.NewAdministrator;
import io.backoffice.keycloak.core.ProblemException;
import io.backoffice.keycloak.core.pin.PinDigest;
import io.backoffice.keycloak.core.pin.PinGenerator;
import io.backoffice.keycloak.core.pin.PinPolicy;
import io.backoffice.keycloak.core.pin.PinService;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.AdministratorStore;
import io.backoffice.keycloak.core.store.PinMode;

/**
 * BENCHMARK ONLY: makes many confirmed administrators (optionally PIN holders) of one organization fast
 * enough for 100,000, through the product's own classes: a confirmed Keycloak user, then
 * {@link AdministratorService#addAdministrator} (organization membership, record, permission group), then
 * the PIN as {@link PinService#issuePin}
 * issues it ({@link PinGenerator}, the realm's {@link PinDigest}, a free digest checked with
 * {@link AdministratorStore#findByPinDigest}, {@link AdministratorStore#update}). The one difference from
 * issuePin: R-PIN-5's holder count is checked once for the whole batch instead of once per PIN, because
 * that count is a query over all holders of the organization and would make seeding quadratic.
 * Chunks of {@code chunk} people run in their own short transactions: Hibernate checks every entity of the
 * persistence context at each flush (and the product flushes once or twice per person), so a long
 * transaction would make seeding quadratic.
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
            PinPolicy.requireRoomForAnotherHolder(holders + count - 1, PinService.pinLength(organization));
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

    private static void seedChunk(KeycloakSession s, String realmId, String organizationId, String prefix, String domain,
                                  int first, int last, String group, boolean pin, int sampleFrom, List<Map<String, String>> pins) {
        // Hibernate flushes before each query by default, and each flush walks the whole persistence
        // context (realm, roles, groups): the product's few explicit flushes are enough here.
        s.getProvider(JpaConnectionProvider.class).getEntityManager().setFlushMode(FlushModeType.COMMIT);
        RealmModel r = s.realms().getRealm(realmId);
        s.getContext().setRealm(r);
        AdministratorService administrators = new AdministratorService(s, r);
        OrganizationModel organization = administrators.requireOrganization(organizationId);
        PinDigest digests = pin ? new PinService(s, r).digests() : null;
        int length = PinService.pinLength(organization);
        for (int i = first; i < last; i++) {
            // the user as after following the verification link (R-ADMIN-2: only confirmed people act),
            // made here so that findOrCreateUser's lookups by email and username are not paid twice
            String email = prefix + i + "@" + domain;
            UserModel user = s.users().addUser(r, email);
            user.setEnabled(true);
            user.setEmail(email);
            user.setEmailVerified(true);
            user.setFirstName("Bench");
            user.setLastName("Person " + i);
            AdministratorView added = administrators.addAdministrator(organization,
                    new NewAdministrator(user.getId(), null, null, null), List.of(group));
            if (pin) {
                AdministratorEntity record = administrators.requireRecord(organization, added.userId());
                String issued = issue(administrators.store(), organization, record, digests, length);
                if (i >= sampleFrom) {
                    Map<String, String> holder = new LinkedHashMap<>();
                    holder.put("userId", added.userId());
                    holder.put("username", added.username());
                    holder.put("pin", issued);
                    pins.add(holder);
                }
            }
        }
    }

    /** {@link PinService#issuePin} without its per-PIN holder count (checked once per batch above). */
    private static String issue(AdministratorStore store, OrganizationModel organization, AdministratorEntity record,
                                PinDigest digests, int length) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String pin = PinGenerator.generate(length);
            String digest = digests.digest(organization.getId(), pin);
            if (store.findByPinDigest(organization.getId(), digest).isEmpty()) {
                record.setPinMode(PinMode.PIN);
                record.setPinDigest(digest);
                store.update(record);
                return pin;
            }
        }
        throw ProblemException.conflict("pin_space_crowded", "Could not find a free PIN.");
    }
}
