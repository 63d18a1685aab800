package io.backoffice.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The PIN step and the token mapper together: the person who typed the PIN is the token's {@code act}. */
class ActingPersonEndToEndTest {

    static TestRealm realm;
    static StaffPinSetup centre;
    static StaffPinSetup.Holder alice;
    static StaffPinSetup.Holder bruno;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("act");
        Http.Reply added = realm.admin("POST", "/clients/" + realm.clientUuid(TestRealm.APP_CLIENT) + "/protocol-mappers/models",
                PermissionClaimsMapperTest.mapper("back-office administrator", Map.of()));
        assertEquals(201, added.status(), added.toString());
        centre = new StaffPinSetup(realm, "Act Centre", "act-centre");
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
        FormLogin login = new FormLogin(realm);
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

        Http.Reply refreshed = Http.form(TestRealm.base() + "/realms/" + realm.name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", TestRealm.APP_CLIENT, "refresh_token", tokens.get("refresh_token").asText()));
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertEquals(alice.userId(), access(refreshed.json()).at("/act/sub").asText());
    }

    @Test
    @DisplayName("R-STEP-3: step-up asks only for a PIN, and the latest PIN decides the acting person")
    void stepUpChangesTheActingPerson() {
        FormLogin login = new FormLogin(realm);
        JsonNode first = access(login.tokens(login.pin(login.password(centre.email("desk")), alice.pin())));
        assertEquals(alice.userId(), first.at("/act/sub").asText());

        FormLogin.Page again = login.start("&acr_values=pin");
        assertTrue(again.isPinPage(), "no password asked on step-up: " + again);
        JsonNode second = access(login.tokens(login.pin(again, bruno.pin())));
        assertEquals(bruno.userId(), second.at("/act/sub").asText(), second.toString());
        assertEquals("pin", second.get("acr").asText());
        assertEquals(first.get("sid").asText(), second.get("sid").asText(), "the same user session");
    }
}
