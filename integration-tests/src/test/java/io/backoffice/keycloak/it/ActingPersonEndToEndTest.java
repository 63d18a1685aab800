package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/** The PIN step and the token mapper together: the person who typed the PIN is the token's {@code act}. */
class ActingPersonEndToEndTest {

    static TestRealm realm;
    static TestOrganization centre;
    static TestOrganization.Holder alice;
    static TestOrganization.Holder bruno;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("act");
        Http.Reply added = realm.admin("POST", "/clients/" + realm.clientUuid(TestRealm.APP_CLIENT) + "/protocol-mappers/models",
                PermissionClaimsMapperTest.mapper("back-office administrator", Map.of()));
        assertEquals(201, added.status(), added.toString());
        centre = TestOrganization.forStaffPins(realm, "Act Centre", "act-centre");
        centre.sharedAccount("desk");
        alice = centre.holder("alice", "Alice", true);
        bruno = centre.holder("bruno", "Bruno", true);
    }

    private static JsonNode access(JsonNode tokens) {
        return FormLogin.claims(tokens.get("access_token").asText());
    }

    @Test
    @DisplayName("R-STEP-2, R-CLAIM-3: the PIN typed at login names the acting person in the token, refresh included")
    void pinAtLoginNamesTheActingPerson() {
        long before = System.currentTimeMillis() / 1000;
        FormLogin login = realm.formLogin();
        FormLogin.Page pinPage = login.password(centre.email("desk"));
        JsonNode tokens = login.tokens(login.pin(pinPage, alice.pin()));
        JsonNode claims = access(tokens);
        System.out.println("[example token] shared account after a staff PIN (" + tokens.get("access_token").asText().length()
                + " bytes signed):\n" + claims.toPrettyString());
        assertEquals(alice.userId(), claims.at("/act/sub").asText(), claims.toString());
        assertEquals(alice.email(), claims.at("/act/preferred_username").asText());
        assertEquals("Alice Staff", claims.at("/act/name").asText());
        assertTrue(claims.get("shared_account").asBoolean());
        assertEquals("[\"pos:sell\"]", claims.at("/backoffice/permissions").toString(), "the shared account's own groups");

        Http.Reply refreshed = HTTP.form(TestRealm.base() + "/realms/" + realm.name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", TestRealm.APP_CLIENT, "refresh_token", tokens.get("refresh_token").asText()));
        assertEquals(200, refreshed.status(), refreshed.toString());
        JsonNode refreshedClaims = access(refreshed.json());
        assertEquals(alice.userId(), refreshedClaims.at("/act/sub").asText());
        long typedAt = claims.at("/act/auth_time").asLong();
        assertTrue(typedAt >= before && typedAt <= System.currentTimeMillis() / 1000, "act.auth_time is when the PIN was typed: " + claims);
        assertEquals(typedAt, refreshedClaims.at("/act/auth_time").asLong(), "a refresh is no new PIN entry");
    }

    @Test
    @DisplayName("R-STEP-3: step-up asks only for a PIN, and the latest PIN decides the acting person")
    void stepUpChangesTheActingPerson() {
        FormLogin login = realm.formLogin();
        JsonNode first = access(login.tokens(login.pin(login.password(centre.email("desk")), alice.pin())));
        assertEquals(alice.userId(), first.at("/act/sub").asText());

        FormLogin.Page again = login.start("&acr_values=pin");
        assertTrue(again.isPinPage(), "no password asked on step-up: " + again);
        JsonNode second = access(login.tokens(login.pin(again, bruno.pin())));
        assertEquals(bruno.userId(), second.at("/act/sub").asText(), second.toString());
        assertEquals("pin", second.get("acr").asText());
        assertEquals(first.get("sid").asText(), second.get("sid").asText(), "the same user session");
        assertTrue(second.at("/act/auth_time").asLong() >= first.at("/act/auth_time").asLong(), "the step-up's PIN time");
    }

    @Test
    @DisplayName("R-STEP-2: every event of a login or token of a shared account names the acting person: code exchange, refresh, and a login that reuses the SSO session")
    void everyTokenEventNamesTheActingPerson() {
        realm.updateSettings(Map.of("eventsEnabled", true, "enabledEventTypes",
                List.of("LOGIN", "LOGIN_ERROR", "CODE_TO_TOKEN", "REFRESH_TOKEN", "REFRESH_TOKEN_ERROR", "LOGOUT")));
        String desk = centre.sharedAccount("desk-audit");
        FormLogin login = realm.formLogin();
        JsonNode tokens = login.tokens(login.pin(login.password(centre.email("desk-audit")), alice.pin()));
        long typedAt = access(tokens).at("/act/auth_time").asLong();
        assertNames(latest(desk, "CODE_TO_TOKEN"), alice, typedAt);

        Http.Reply refreshed = HTTP.form(TestRealm.base() + "/realms/" + realm.name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", TestRealm.APP_CLIENT, "refresh_token", tokens.get("refresh_token").asText()));
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertNames(latest(desk, "REFRESH_TOKEN"), alice, typedAt);

        // The SSO cookie logs the desk in again without any step running: its LOGIN event still names Alice.
        FormLogin.Page sso = login.start(null);
        assertNotNull(sso.code(), "logged in by the cookie alone: " + sso);
        JsonNode ssoLogin = latest(desk, "LOGIN");
        assertNames(ssoLogin, alice, typedAt);
        login.tokens(sso);
        assertNames(latest(desk, "CODE_TO_TOKEN"), alice, typedAt);

        // A session of the shared account that never passed the PIN step (password grant): the events say nobody acts.
        realm.login(centre.email("desk-audit"), null);
        JsonNode noPin = latest(desk, "LOGIN");
        assertEquals("none", noPin.at("/details/acting_person").asText(), noPin.toString());
        assertTrue(noPin.at("/details/acting_user_id").isMissingNode(), noPin.toString());
    }

    @Test
    @DisplayName("R-STEP-2: an administrator who becomes a shared account while logged in: the session's next token events say nobody acts")
    void becomingSharedMidSessionIsNoticed() {
        realm.updateSettings(Map.of("eventsEnabled", true, "enabledEventTypes",
                List.of("LOGIN", "LOGIN_ERROR", "CODE_TO_TOKEN", "REFRESH_TOKEN", "REFRESH_TOKEN_ERROR", "LOGOUT")));
        String later = centre.addStaff("desk-later", "Later", true);
        JsonNode tokens = realm.login(centre.email("desk-later"), null);
        Http.Reply plain = realm.refresh(tokens);
        assertEquals(200, plain.status(), plain.toString());
        JsonNode before = latest(later, "REFRESH_TOKEN");
        assertTrue(before.at("/details/acting_person").isMissingNode(), "not a shared account: nothing to say: " + before);

        centre.share(later);
        Http.Reply shared = realm.refresh(plain.json());
        assertEquals(200, shared.status(), shared.toString());
        JsonNode after = latest(later, "REFRESH_TOKEN");
        assertEquals("none", after.at("/details/acting_person").asText(), after.toString());
    }

    private static JsonNode latest(String userId, String type) {
        JsonNode events = realm.adminGet("/events?user=" + userId + "&type=" + type + "&max=1");
        assertTrue(events.size() == 1, "a " + type + " event of " + userId);
        return events.get(0);
    }

    private static void assertNames(JsonNode event, TestOrganization.Holder holder, long typedAt) {
        JsonNode details = event.path("details");
        assertEquals(holder.userId(), details.path("acting_user_id").asText(), event.toString());
        assertEquals(holder.email(), details.path("acting_username").asText(), event.toString());
        assertEquals(String.valueOf(typedAt), details.path("acting_pin_time").asText(), event.toString());
    }
}
