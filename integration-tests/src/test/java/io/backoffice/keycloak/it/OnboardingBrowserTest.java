package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.backoffice.keycloak.testkit.Http;

/**
 * How people get in, end to end in Chromium: the mails on a loopback SMTP server, their links opened in
 * the browser, then the organization API answering the person.
 */
class OnboardingBrowserTest {

    private static final String NEW_PASSWORD = "Onb0arded-pass!";

    static TestRealm realm;

    @BeforeAll
    static void setUp() {
        Chromium.assumeInstalled();
        realm = TestRealm.create("onboarding");
        Mailbox.configure(realm);
    }

    /** The password grant with a given password; the access token. */
    private static String token(String username, String password) {
        Http.Reply reply = HTTP.form(TestRealm.base() + "/realms/" + realm.name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", TestRealm.APP_CLIENT, "username", username, "password", password,
                "scope", "openid"));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().get("access_token").asText();
    }

    /** Keycloak's "perform the following actions" page, when the link was opened in a fresh browser. */
    private static void proceed(Chromium chromium) {
        chromium.waitFor(By.cssSelector("a[href*='/login-actions/action-token']")).click();
    }

    @Test
    @DisplayName("R-ADMIN-8, R-ADMIN-1: the owner creates an administrator; the one mail's link, opened in Chromium, verifies the address and sets the password; the person logs in and GET me answers 200")
    void newPersonGetsIn() throws IOException {
        TestOrganization org = TestOrganization.create(realm);
        String email = org.email("newcomer");
        Http.Reply created = org.api("POST", org.ownerToken(), "/administrators", Map.of("email", email, "firstName", "Nora",
                "lastName", "Newcomer", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(202, created.status(), created.toString());
        List<Mailbox.Mail> mails = Mailbox.awaitMailsTo(email, 1);
        assertEquals(1, mails.size(), "one mail");
        assertTrue(mails.get(0).subject().contains(org.alias), mails.get(0).subject());

        try (Chromium chromium = Chromium.start()) {
            chromium.driver.get(Mailbox.actionLink(mails.get(0)));
            proceed(chromium);
            chromium.waitFor(By.id("password-new")).sendKeys(NEW_PASSWORD);
            chromium.driver.findElement(By.id("password-confirm")).sendKeys(NEW_PASSWORD);
            chromium.screenshot("onboarding-password.png");
            chromium.driver.findElement(By.cssSelector("[type=submit]")).click();
            // Then the landing page: the organization admin page, or the account console without it.
            new WebDriverWait(chromium.driver, Duration.ofSeconds(20)).until(d ->
                    !d.getCurrentUrl().contains("/login-actions/") || d.getPageSource().contains("updated"));
            chromium.screenshot("onboarding-landed.png");
        }

        String userId = org.userIdOf(email);
        assertTrue(realm.adminGet("/users/" + userId).get("emailVerified").asBoolean());
        Http.Reply me = org.api("GET", token(email, NEW_PASSWORD), "/me", null);
        assertEquals(200, me.status(), me.toString());
        assertEquals(userId, me.json().get("userId").asText());
        assertEquals(List.of("pos:sell"), TestOrganization.texts(me.json().get("permissions")));
    }

    @Test
    @DisplayName("R-ADMIN-1: an invitation to an existing person, accepted in Chromium, makes their record active; until then it grants nothing")
    void invitationAcceptedInTheBrowser() throws IOException {
        TestOrganization inviting = TestOrganization.create(realm);
        TestOrganization home = TestOrganization.create(realm);
        String userId = home.addAdministrator("person", TestOrganization.FRONT_STAFF);
        String email = home.email("person");
        assertEquals(202, inviting.api("POST", inviting.ownerToken(), "/administrators", Map.of("email", email,
                "firstName", "Per", "lastName", "Son", "permissionGroups", List.of(TestOrganization.ACCOUNTANT))).status());
        List<Mailbox.Mail> mails = Mailbox.awaitMailsTo(email, 1);
        assertEquals(1, mails.size());
        assertEquals(403, inviting.api("GET", realm.accessToken(email), "/me", null).status());

        try (Chromium chromium = Chromium.start()) {
            chromium.driver.get(Mailbox.actionLink(mails.get(0)));
            chromium.screenshot("invitation-confirm.png");
            assertTrue(chromium.driver.getPageSource().contains("Centre " + inviting.alias), "the page names the organization");
            proceed(chromium);
            new WebDriverWait(chromium.driver, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login-actions/"));
            chromium.screenshot("invitation-accepted.png");
        }

        Http.Reply me = inviting.api("GET", realm.accessToken(email), "/me", null);
        assertEquals(200, me.status(), me.toString());
        assertEquals(List.of("finance:reports-own"), TestOrganization.texts(me.json().get("permissions")));
        assertEquals("ACTIVE", inviting.administrator(inviting.ownerToken(), userId).get("status").asText());
        assertFalse(inviting.api("GET", inviting.ownerToken(), "/administrators/invitations", null).body().contains(email));
        assertEquals(200, home.api("GET", realm.accessToken(email), "/me", null).status(), "still an administrator at home");
    }
}
