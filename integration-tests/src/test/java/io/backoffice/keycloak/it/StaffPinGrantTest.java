package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/** The staff PIN switch at a terminal: one back-channel request to the token endpoint (R-POS-1..3). */
class StaffPinGrantTest {

    static final String GRANT = "urn:backoffice:params:oauth:grant-type:staff-pin";
    static final String ALLOWED_SCOPE = "backoffice-staff-pin-grant";
    private static final int ATTEMPTS_PER_LOGIN = 3;
    private static final int FAILURES_PER_WINDOW = 4;
    private static final int LOCK_SECONDS = 4;

    static TestRealm realm;
    static TestOrganization centre;
    static TestOrganization.Holder alice;
    static TestOrganization.Holder bruno;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("pingrant");
        realm.updateSettings(Map.of("eventsEnabled", true, "enabledEventTypes",
                List.of("LOGIN", "LOGIN_ERROR", "CODE_TO_TOKEN", "REFRESH_TOKEN", "REFRESH_TOKEN_ERROR", "LOGOUT")));
        realm.configureStaffPinStep(Map.of(
                "attemptsPerLogin", String.valueOf(ATTEMPTS_PER_LOGIN),
                "failuresPerWindow", String.valueOf(FAILURES_PER_WINDOW),
                "windowSeconds", "120",
                "lockSeconds", String.valueOf(LOCK_SECONDS)));
        Http.Reply mapper = realm.admin("POST", "/clients/" + realm.clientUuid(TestRealm.APP_CLIENT) + "/protocol-mappers/models",
                PermissionClaimsMapperTest.mapper("back-office administrator", Map.of()));
        assertEquals(201, mapper.status(), mapper.toString());
        // The console's way to allow a client: Clients > client > Client scopes > Add client scope.
        String scopeId = realm.admin("POST", "/client-scopes", Map.of("name", ALLOWED_SCOPE, "protocol", "openid-connect",
                "attributes", Map.of("include.in.token.scope", "false", "display.on.consent.screen", "false"))).createdId();
        allow(TestRealm.APP_CLIENT, scopeId);
        createClient("pos-other");
        allow("pos-other", scopeId);
        createClient("pos-not-allowed");
        centre = TestOrganization.forStaffPins(realm, "Grant Centre", "grant-centre");
        alice = centre.holder("alice", "Alice", true);
        bruno = centre.holder("bruno", "Bruno", true);
    }

    private static void createClient(String clientId) {
        Http.Reply created = realm.admin("POST", "/clients", Map.of("clientId", clientId, "publicClient", true,
                "standardFlowEnabled", true, "redirectUris", List.of(FormLogin.REDIRECT_URI)));
        assertEquals(201, created.status(), created.toString());
    }

    private static void allow(String clientId, String scopeId) {
        Http.Reply reply = realm.admin("PUT", "/clients/" + realm.clientUuid(clientId) + "/optional-client-scopes/" + scopeId, null);
        assertEquals(204, reply.status(), reply.toString());
    }

    /** A PIN nobody holds, registered for the suite's leak check like every issued PIN. */
    private static String wrongPin() {
        SecureRandom random = new SecureRandom();
        String pin;
        do {
            pin = String.format("%06d", random.nextInt(1_000_000));
        } while (pin.equals(alice.pin()) || pin.equals(bruno.pin()));
        TestHttp.ISSUED_PINS.add(pin);
        return pin;
    }

    static Http.Reply grant(String clientId, String refreshToken, String pin) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT);
        form.put("client_id", clientId);
        form.put("refresh_token", refreshToken);
        form.put("pin", pin);
        return HTTP.form(TestRealm.base() + "/realms/" + realm.name() + "/protocol/openid-connect/token", form);
    }

    private static Http.Reply refresh(String refreshToken) {
        return HTTP.form(TestRealm.base() + "/realms/" + realm.name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", TestRealm.APP_CLIENT, "refresh_token", refreshToken));
    }

    private static JsonNode access(JsonNode tokens) {
        return FormLogin.claims(tokens.get("access_token").asText());
    }

    /** The shared account logged in at the PIN page with {@code holder}'s PIN; its token response. */
    private static JsonNode deskSession(String localPart, TestOrganization.Holder holder) {
        FormLogin login = realm.formLogin();
        return login.tokens(login.pin(login.password(centre.email(localPart)), holder.pin()));
    }

    private static void assertRefused(Http.Reply reply, String error) {
        assertEquals(400, reply.status(), reply.toString());
        JsonNode body = reply.json();
        assertEquals(error, body.path("error").asText(), reply.toString());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("error", "error_description"), fields, "OAuth's error shape: " + reply);
    }

    private static List<String> sessionIds(String userId) {
        List<String> ids = new ArrayList<>();
        realm.adminGet("/users/" + userId + "/sessions").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    @DisplayName("R-POS-1, R-POS-2: switch from Alice to Bruno with one back-channel request: act changes, same sid, the session's acting person too, an event names Bruno")
    void switchesTheActingPerson() {
        String desk = centre.sharedAccount("desk");
        JsonNode tokens = deskSession("desk", alice);
        JsonNode first = access(tokens);
        assertEquals(alice.userId(), first.at("/act/sub").asText());
        long now = System.currentTimeMillis() / 1000;
        Http.Reply switched = grant(TestRealm.APP_CLIENT, tokens.get("refresh_token").asText(), bruno.pin());
        assertEquals(200, switched.status(), switched.toString());
        System.out.println("[example grant] answer " + switched.status() + " " + switched.body());
        System.out.println("[example grant] access token claims " + access(switched.json()).toPrettyString());
        assertTrue(switched.json().has("refresh_token") && switched.json().has("id_token"), "a full token set: " + switched);
        assertEquals("no-store", switched.raw().headers().firstValue("Cache-Control").orElse(""), "tokens are not cached");
        JsonNode after = access(switched.json());
        assertEquals(bruno.userId(), after.at("/act/sub").asText(), after.toString());
        assertEquals(bruno.email(), after.at("/act/preferred_username").asText());
        assertTrue(after.at("/act/auth_time").asLong() >= now, "act.auth_time is the grant's PIN entry: " + after);
        assertEquals(first.get("sid").asText(), after.get("sid").asText(), "the same session");
        assertEquals(desk, after.get("sub").asText());
        assertEquals(bruno.userId(), FormLogin.claims(switched.json().get("id_token").asText()).at("/act/sub").asText());

        // The session itself now names Bruno: a plain refresh keeps him.
        Http.Reply refreshed = refresh(switched.json().get("refresh_token").asText());
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertEquals(bruno.userId(), access(refreshed.json()).at("/act/sub").asText());

        JsonNode event = realm.adminGet("/events?user=" + desk + "&type=REFRESH_TOKEN&max=2").get(1);
        assertEquals(GRANT, event.at("/details/grant_type").asText(), event.toString());
        assertEquals(bruno.userId(), event.at("/details/acting_user_id").asText(), event.toString());
        assertEquals(bruno.email(), event.at("/details/acting_username").asText(), event.toString());
    }

    @Test
    @DisplayName("R-POS-2, R-STEP-4: wrong PINs by grant and by page share one counter and one lock; the lock ends by itself")
    void grantAndPageShareTheLock() throws InterruptedException {
        String desk = centre.sharedAccount("desk-lock");
        String username = centre.email("desk-lock");
        JsonNode tokens = deskSession("desk-lock", alice);
        String refreshToken = tokens.get("refresh_token").asText();

        FormLogin browser = realm.formLogin();
        FormLogin.Page page = browser.password(username);
        for (int i = 0; i < FAILURES_PER_WINDOW - 2; i++) {
            page = browser.pin(page, wrongPin());
            assertEquals("This PIN was not accepted. Please try again.", page.feedback());
        }
        Http.Reply third = grant(TestRealm.APP_CLIENT, refreshToken, wrongPin());
        assertRefused(third, "invalid_grant");
        assertEquals("This PIN was not accepted", third.json().get("error_description").asText());
        Http.Reply fourth = grant(TestRealm.APP_CLIENT, refreshToken, wrongPin());
        assertRefused(fourth, "invalid_grant");
        assertTrue(fourth.json().get("error_description").asText().contains("locked"), "the shared window is full: " + fourth);
        long lockedAt = System.currentTimeMillis();

        assertTrue(browser.pin(page, alice.pin()).feedback().contains("locked"), "the page is locked too, right PIN included");
        Http.Reply rightButLocked = grant(TestRealm.APP_CLIENT, refreshToken, bruno.pin());
        assertRefused(rightButLocked, "invalid_grant");
        assertTrue(rightButLocked.json().get("error_description").asText().contains("locked"), rightButLocked.toString());
        assertTrue(realm.adminGet("/events?user=" + desk + "&type=REFRESH_TOKEN_ERROR&max=50").toString().contains("staff_pin_locked"),
                "a grant's lock event");

        Thread.sleep(Math.max(0, lockedAt + LOCK_SECONDS * 1000L + 700 - System.currentTimeMillis()));
        Http.Reply unlocked = grant(TestRealm.APP_CLIENT, refreshToken, bruno.pin());
        assertEquals(200, unlocked.status(), "the lock ended by itself: " + unlocked);
        assertEquals(bruno.userId(), access(unlocked.json()).at("/act/sub").asText());
    }

    @Test
    @DisplayName("R-POS-2, R-STEP-4: the per-login number of wrong PINs by grant ends the session: the password is needed again")
    void attemptsByGrantEndTheSession() {
        String desk = centre.sharedAccount("desk-attempts");
        JsonNode tokens = deskSession("desk-attempts", alice);
        String sid = access(tokens).get("sid").asText();
        String refreshToken = tokens.get("refresh_token").asText();
        for (int i = 1; i < ATTEMPTS_PER_LOGIN; i++) {
            assertEquals("This PIN was not accepted", grant(TestRealm.APP_CLIENT, refreshToken, wrongPin()).json().get("error_description").asText());
        }
        Http.Reply last = grant(TestRealm.APP_CLIENT, refreshToken, wrongPin());
        assertRefused(last, "invalid_grant");
        assertTrue(last.json().get("error_description").asText().contains("sign in again"), last.toString());
        assertFalse(sessionIds(desk).contains(sid), "the session ended");
        assertRefused(grant(TestRealm.APP_CLIENT, refreshToken, alice.pin()), "invalid_grant");
        assertEquals(400, refresh(refreshToken).status());
    }

    @Test
    @DisplayName("R-POS-2, R-POS-3: refused with invalid_grant: a non-shared user's, another client's or an ended session's refresh token, a wrong PIN; a client not allowed: unauthorized_client")
    void refusals() {
        centre.sharedAccount("desk-refusals");
        JsonNode tokens = deskSession("desk-refusals", alice);
        String refreshToken = tokens.get("refresh_token").asText();

        FormLogin holderLogin = realm.formLogin();
        JsonNode holderTokens = holderLogin.tokens(holderLogin.password(alice.email()));
        assertRefused(grant(TestRealm.APP_CLIENT, holderTokens.get("refresh_token").asText(), alice.pin()), "invalid_grant");

        assertRefused(grant("pos-other", refreshToken, bruno.pin()), "invalid_grant");
        assertRefused(grant("pos-not-allowed", refreshToken, bruno.pin()), "unauthorized_client");
        Http.Reply wrong = grant(TestRealm.APP_CLIENT, refreshToken, wrongPin());
        assertRefused(wrong, "invalid_grant");
        System.out.println("[example grant] wrong PIN " + wrong.status() + " " + wrong.body());
        assertRefused(grant(TestRealm.APP_CLIENT, "not-a-token", bruno.pin()), "invalid_grant");

        // Still Alice: nothing above changed the acting person.
        Http.Reply still = refresh(refreshToken);
        assertEquals(alice.userId(), access(still.json()).at("/act/sub").asText());

        String sid = access(tokens).get("sid").asText();
        assertEquals(204, realm.admin("DELETE", "/sessions/" + sid, null).status());
        assertRefused(grant(TestRealm.APP_CLIENT, still.json().get("refresh_token").asText(), bruno.pin()), "invalid_grant");
    }
}
