package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/** The Staff PIN step in the demo realm's "browser with staff PIN" flow, driven over HTTP like a browser. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffPinStepTest {

    private static final int ATTEMPTS_PER_LOGIN = 3;
    private static final int FAILURES_PER_WINDOW = 5;
    private static final int LOCK_SECONDS = 5;

    static TestRealm realm;
    static TestOrganization centre;
    static TestOrganization other;
    static TestOrganization.Holder ann;
    static TestOrganization.Holder bob;
    static TestOrganization.Holder una;
    static TestOrganization.Holder cat;
    static TestOrganization.Holder zoe;
    /** Every PIN issued or typed in this class: none may show up in events or logs (R-PIN-4). */
    static final Set<String> pins = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("staffpin");
        realm.updateSettings(Map.of("bruteForceProtected", true));
        realm.configureStaffPinStep(Map.of(
                "attemptsPerLogin", String.valueOf(ATTEMPTS_PER_LOGIN),
                "failuresPerWindow", String.valueOf(FAILURES_PER_WINDOW),
                "windowSeconds", "120",
                "lockSeconds", String.valueOf(LOCK_SECONDS)));
        centre = TestOrganization.forStaffPins(realm, "Pin Desk Centre", "pindesk");
        other = TestOrganization.forStaffPins(realm, "Other Desk Centre", "otherdesk");
        ann = centre.holder("ann", "Ann", true);
        bob = centre.holder("bob", "Bob", true);
        centre.setStatus(bob.userId(), "INACTIVE");
        una = centre.holder("una", "Una", false);
        cat = centre.holder("cat", "Cat", true);
        zoe = other.holder("zoe", "Zoe", true);
        for (TestOrganization.Holder h : List.of(ann, bob, una, cat, zoe)) {
            pins.add(h.pin());
        }
    }

    /** A PIN nobody holds. */
    private static String wrongPin() {
        SecureRandom random = new SecureRandom();
        String pin;
        do {
            pin = String.format("%06d", random.nextInt(1_000_000));
        } while (pins.contains(pin));
        pins.add(pin);
        return pin;
    }

    private static List<JsonNode> events(String userId, String type) {
        List<JsonNode> list = new ArrayList<>();
        realm.adminGet("/events?user=" + userId + "&type=" + type + "&max=500").forEach(list::add);
        return list;
    }

    /** The newest LOGIN event of the shared account. */
    private static JsonNode lastLogin(String sharedUserId) {
        List<JsonNode> logins = events(sharedUserId, "LOGIN");
        assertFalse(logins.isEmpty(), "a LOGIN event");
        return logins.get(0);
    }

    private static void assertActing(String sharedUserId, TestOrganization.Holder holder) {
        JsonNode details = lastLogin(sharedUserId).path("details");
        assertEquals(holder.userId(), details.path("acting_user_id").asText(), details.toString());
        assertEquals(holder.email(), details.path("acting_username").asText(), details.toString());
    }

    private static long errors(String sharedUserId, String error) {
        return events(sharedUserId, "LOGIN_ERROR").stream().filter(e -> error.equals(e.path("error").asText())).count();
    }

    @Test
    @Order(1)
    @DisplayName("R-STEP-1: users who are not shared accounts never see the PIN page")
    void othersNeverSeeThePinPage() {
        String plainAdministrator = centre.addStaff("plain", "Pat", true);
        realm.createUser("visitor@pindesk.example", "Vic", "Visitor", true);
        for (String username : List.of(centre.email("plain"), "visitor@pindesk.example", ann.email())) {
            FormLogin login = realm.formLogin();
            FormLogin.Page page = login.password(username);
            assertFalse(page.isPinPage(), username + ": " + page);
            assertNotNull(page.code(), username + ": " + page);
            JsonNode idToken = FormLogin.claims(login.tokens(page).get("id_token").asText());
            assertEquals("password", idToken.path("acr").asText(), idToken.toString());
        }
        assertFalse(lastLogin(plainAdministrator).path("details").has("acting_user_id"));
    }

    @Test
    @Order(2)
    @DisplayName("R-STEP-1, R-STEP-2, R-STEP-5: a shared account gets the PIN page; an active holder's PIN completes the login and names the acting person")
    void activeHolderCompletesTheLogin() {
        String desk = centre.sharedAccount("desk");
        FormLogin login = realm.formLogin();
        FormLogin.Page page = login.password(centre.email("desk"));
        assertTrue(page.isPinPage(), page.toString());
        String body = page.body();
        assertTrue(body.matches("(?s).*<input[^>]*name=\"pin\"[^>]*>.*"), "PIN field");
        String input = body.substring(body.lastIndexOf("<input", body.indexOf("name=\"pin\"")), body.indexOf(">", body.indexOf("name=\"pin\"")));
        assertTrue(input.contains("type=\"password\""), "masked: " + input);
        assertTrue(input.contains("inputmode=\"numeric\""), "numeric keyboard: " + input);
        assertTrue(input.contains("autocomplete=\"off\""), "no autocomplete: " + input);
        assertTrue(body.contains("data-key=\"0\"") && body.contains("data-key=\"9\""), "on-screen keypad");
        assertTrue(body.contains("Who is working?"), "English page");

        FormLogin.Page done = login.pin(page, ann.pin());
        assertNotNull(done.code(), done.toString());
        assertNotNull(login.tokens(done).get("access_token"));
        assertActing(desk, ann);
    }

    @Test
    @Order(3)
    @DisplayName("R-ADMIN-4, R-ADMIN-2, R-STEP-4: PINs of an inactive or unconfirmed holder are refused with the same message as any wrong PIN")
    void inactiveAndUnconfirmedHoldersAreRefused() {
        String desk = centre.sharedAccount("desk-refusals");
        FormLogin login = realm.formLogin();
        FormLogin.Page page = login.password(centre.email("desk-refusals"));
        FormLogin.Page wrong = login.pin(page, wrongPin());
        assertTrue(wrong.isPinPage(), wrong.toString());
        String message = wrong.feedback();
        assertEquals("This PIN was not accepted. Please try again.", message);

        FormLogin.Page inactive = login.pin(wrong, bob.pin());
        assertTrue(inactive.isPinPage(), inactive.toString());
        assertEquals(message, inactive.feedback(), "no hint that the PIN belongs to somebody");

        FormLogin second = realm.formLogin();
        FormLogin.Page unconfirmed = second.pin(second.password(centre.email("desk-refusals")), una.pin());
        assertTrue(unconfirmed.isPinPage(), unconfirmed.toString());
        assertEquals(message, unconfirmed.feedback());

        // The refusal was about the status: active again, the same PIN works.
        centre.setStatus(bob.userId(), "ACTIVE");
        FormLogin.Page accepted = second.pin(unconfirmed, bob.pin());
        assertNotNull(accepted.code(), accepted.toString());
        assertActing(desk, bob);
        centre.setStatus(bob.userId(), "INACTIVE");
        assertEquals(3, errors(desk, "invalid_staff_pin"));
    }

    @Test
    @Order(4)
    @DisplayName("R-STEP-2: a PIN holder of another organization is refused; in its own organization the PIN works")
    void otherOrganizationsPinIsRefused() {
        centre.sharedAccount("desk-foreign");
        FormLogin login = realm.formLogin();
        FormLogin.Page refused = login.pin(login.password(centre.email("desk-foreign")), zoe.pin());
        assertTrue(refused.isPinPage(), refused.toString());
        assertEquals("This PIN was not accepted. Please try again.", refused.feedback());

        String otherDesk = other.sharedAccount("frontdesk");
        FormLogin own = realm.formLogin();
        FormLogin.Page done = own.pin(own.password(other.email("frontdesk")), zoe.pin());
        assertNotNull(done.code(), done.toString());
        assertActing(otherDesk, zoe);
    }

    @Test
    @Order(5)
    @DisplayName("R-STEP-4, R-STEP-6: after the configured number of wrong PINs in one login, the login starts over at the password")
    void attemptsPerLoginRestartTheLogin() {
        String desk = centre.sharedAccount("desk-attempts");
        FormLogin login = realm.formLogin();
        FormLogin.Page page = login.password(centre.email("desk-attempts"));
        for (int i = 1; i < ATTEMPTS_PER_LOGIN; i++) {
            page = login.pin(page, wrongPin());
            assertTrue(page.isPinPage(), "attempt " + i + ": " + page);
        }
        FormLogin.Page restarted = login.pin(page, wrongPin());
        assertTrue(restarted.isUsernamePage(), restarted.toString());
        assertFalse(restarted.isPinPage());
        assertEquals("Too many wrong PINs. Please sign in again.", restarted.feedback());
        assertEquals(1, errors(desk, "staff_pin_attempts_exceeded"));

        // A new login has a fresh count: the password again, then the PIN page, and a right PIN works.
        FormLogin.Page pinAgain = login.password(restarted, centre.email("desk-attempts"));
        assertTrue(pinAgain.isPinPage(), pinAgain.toString());
        assertEquals("", pinAgain.feedback());
        FormLogin.Page done = login.pin(pinAgain, ann.pin());
        assertNotNull(done.code(), done.toString());
        assertActing(desk, ann);
    }

    @Test
    @Order(6)
    @DisplayName("R-STEP-4, R-STEP-6: failures per shared account lock its PIN step, right PINs too, with an event; the lock ends by itself")
    void failuresLockTheSharedAccountUntilTheLockEnds() throws InterruptedException {
        String desk = centre.sharedAccount("desk-lock");
        String username = centre.email("desk-lock");
        FormLogin login = realm.formLogin();
        FormLogin.Page page = login.password(username);
        for (int i = 0; i < ATTEMPTS_PER_LOGIN; i++) {
            page = login.pin(page, wrongPin());
        }
        page = login.password(page, username);
        int counted = ATTEMPTS_PER_LOGIN;
        while (counted < FAILURES_PER_WINDOW - 1) {
            page = login.pin(page, wrongPin());
            counted++;
        }
        assertEquals("This PIN was not accepted. Please try again.", page.feedback());
        FormLogin.Page locked = login.pin(page, wrongPin());
        assertTrue(locked.isPinPage(), locked.toString());
        assertTrue(locked.feedback().contains("locked"), locked.toString());
        long lockedAt = System.currentTimeMillis();

        FormLogin.Page rightButLocked = login.pin(locked, ann.pin());
        assertTrue(rightButLocked.feedback().contains("locked"), "a right PIN is refused while locked: " + rightButLocked);
        FormLogin elsewhere = realm.formLogin();
        FormLogin.Page otherBrowser = elsewhere.password(username);
        assertTrue(otherBrowser.isPinPage() && otherBrowser.feedback().contains("locked"), "locked for every login: " + otherBrowser);

        List<JsonNode> lockEvents = events(desk, "LOGIN_ERROR").stream()
                .filter(e -> "staff_pin_locked".equals(e.path("error").asText())).toList();
        assertTrue(lockEvents.size() >= 1, "an event says the step is locked");
        assertTrue(lockEvents.stream().allMatch(e -> e.path("details").has("staff_pin_locked_until")), lockEvents.toString());

        // Wrong PINs are this step's business, not Keycloak's brute-force detector's: the shared login is not disabled.
        JsonNode bruteForce = realm.adminGet("/attack-detection/brute-force/users/" + desk);
        assertEquals(0, bruteForce.path("numFailures").asInt(), bruteForce.toString());
        assertFalse(bruteForce.path("disabled").asBoolean(), bruteForce.toString());

        Thread.sleep(Math.max(0, lockedAt + LOCK_SECONDS * 1000L + 700 - System.currentTimeMillis()));
        FormLogin.Page done = login.pin(rightButLocked, ann.pin());
        assertNotNull(done.code(), "the lock ended by itself: " + done);
        assertActing(desk, ann);
        assertTrue(lastLogin(desk).path("details").has("staff_pin_lock_ended"), lastLogin(desk).toString());
    }

    @Test
    @Order(7)
    @DisplayName("R-STEP-4: concurrent wrong PINs from several logins are all counted, so they lock the step")
    void concurrentFailuresAreAllCounted() throws Exception {
        String username = centre.email("desk-race");
        centre.sharedAccount("desk-race");
        List<FormLogin> logins = new ArrayList<>();
        List<FormLogin.Page> pages = new ArrayList<>();
        for (int i = 0; i < FAILURES_PER_WINDOW; i++) {
            FormLogin login = realm.formLogin();
            FormLogin.Page page = login.password(username);
            assertTrue(page.isPinPage(), page.toString());
            logins.add(login);
            pages.add(page);
        }
        ExecutorService pool = Executors.newFixedThreadPool(FAILURES_PER_WINDOW);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<FormLogin.Page>> answers = new ArrayList<>();
        for (int i = 0; i < FAILURES_PER_WINDOW; i++) {
            FormLogin login = logins.get(i);
            FormLogin.Page page = pages.get(i);
            String pin = wrongPin();
            answers.add(pool.submit(() -> {
                go.await();
                return login.pin(page, pin);
            }));
        }
        go.countDown();
        for (Future<FormLogin.Page> answer : answers) {
            FormLogin.Page page = answer.get();
            assertTrue(page.isPinPage(), "no server error under concurrency: " + page);
        }
        pool.shutdown();
        FormLogin.Page after = realm.formLogin().password(username);
        assertTrue(after.feedback().contains("locked"), "all " + FAILURES_PER_WINDOW + " failures counted: " + after);
    }

    @Test
    @Order(8)
    @DisplayName("R-STEP-3: acr_values=pin on the same session asks the PIN again without the password, each time; the latest PIN decides the acting person")
    void stepUpAsksThePinAgain() {
        String desk = centre.sharedAccount("desk-stepup");
        FormLogin login = realm.formLogin();
        FormLogin.Page done = login.pin(login.password(centre.email("desk-stepup")), ann.pin());
        assertEquals("password", FormLogin.claims(login.tokens(done).get("id_token").asText()).path("acr").asText());
        assertActing(desk, ann);

        FormLogin.Page stepUp = login.start("&acr_values=pin");
        assertTrue(stepUp.isPinPage() && !stepUp.has("password"), "the PIN only: " + stepUp);
        FormLogin.Page second = login.pin(stepUp, cat.pin());
        JsonNode idToken = FormLogin.claims(login.tokens(second).get("id_token").asText());
        assertEquals("pin", idToken.path("acr").asText(), idToken.toString());
        assertActing(desk, cat);

        FormLogin.Page again = login.start("&acr_values=pin");
        assertTrue(again.isPinPage(), "max age 0: asked every time: " + again);
        FormLogin.Page third = login.pin(again, ann.pin());
        assertNotNull(third.code(), third.toString());
        assertActing(desk, ann);

        // A user who is not a shared account asking for pin gets no PIN page, and acr says password.
        FormLogin plain = realm.formLogin();
        plain.password(centre.email("plain"));
        FormLogin.Page plainStepUp = plain.start("&acr_values=pin");
        assertNotNull(plainStepUp.code(), plainStepUp.toString());
        assertEquals("password", FormLogin.claims(plain.tokens(plainStepUp).get("id_token").asText()).path("acr").asText());
    }

    @Test
    @Order(8)
    @DisplayName("R-STEP-4: wrong PINs up to the per-login limit during a step-up on a live SSO session end that session: the password is asked again")
    void stepUpAttemptsEndTheSsoSession() {
        String username = centre.email("desk-sso");
        String desk = centre.sharedAccount("desk-sso");
        FormLogin login = realm.formLogin();
        JsonNode tokens = login.tokens(login.pin(login.password(username), ann.pin()));
        String sid = FormLogin.claims(tokens.get("access_token").asText()).get("sid").asText();
        assertTrue(sessionIds(desk).contains(sid), "a live SSO session");

        FormLogin.Page page = login.start("&acr_values=pin");
        assertTrue(page.isPinPage() && !page.has("password"), "step-up on the SSO session: " + page);
        for (int i = 1; i < ATTEMPTS_PER_LOGIN; i++) {
            page = login.pin(page, wrongPin());
            assertTrue(page.isPinPage(), "attempt " + i + ": " + page);
        }
        FormLogin.Page restarted = login.pin(page, wrongPin());
        assertTrue(restarted.isUsernamePage(), "the password again, not the PIN page: " + restarted);
        assertEquals("Too many wrong PINs. Please sign in again.", restarted.feedback());

        assertFalse(sessionIds(desk).contains(sid), "the SSO session ended");
        FormLogin.Page silent = login.start("&prompt=none");
        assertTrue(silent.location() != null && silent.location().contains("error=login_required"),
                "the browser's cookie logs nobody in any more: " + silent);
        Http.Reply refresh = HTTP.form(TestRealm.base() + "/realms/" + realm.name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", TestRealm.APP_CLIENT, "refresh_token", tokens.get("refresh_token").asText()));
        assertEquals(400, refresh.status(), "the session's refresh token is dead: " + refresh);
        assertTrue(events(desk, "LOGOUT").stream().anyMatch(e -> sid.equals(e.path("sessionId").asText())
                && "staff_pin_attempts_exceeded".equals(e.path("details").path("reason").asText())), "a LOGOUT event says why");

        // And a full login works again: password, then PIN.
        FormLogin.Page pinAgain = login.password(login.start(null), username);
        assertTrue(pinAgain.isPinPage(), pinAgain.toString());
        assertNotNull(login.pin(pinAgain, ann.pin()).code());
    }

    private static List<String> sessionIds(String userId) {
        List<String> ids = new ArrayList<>();
        realm.adminGet("/users/" + userId + "/sessions").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    @Order(0)
    @DisplayName("R-STEP-6: the console's flow editor offers the step's settings, with their defaults, and the condition")
    void consoleDescribesTheSettings() {
        Map<String, String> defaults = new java.util.HashMap<>();
        realm.adminGet("/authentication/config-description/backoffice-staff-pin").path("properties")
                .forEach(p -> defaults.put(p.path("name").asText(), p.path("defaultValue").asText()));
        assertEquals(Map.of("attemptsPerLogin", "5", "failuresPerWindow", "20", "windowSeconds", "900", "lockSeconds", "900"), defaults);
        JsonNode condition = realm.adminGet("/authentication/config-description/backoffice-condition-shared-account");
        assertEquals("not", condition.path("properties").get(0).path("name").asText(), condition.toString());
        boolean listed = false;
        for (JsonNode provider : realm.adminGet("/authentication/authenticator-providers")) {
            listed |= "Staff PIN".equals(provider.path("displayName").asText());
        }
        assertTrue(listed, "Staff PIN is offered in the flow editor");
    }

    @Test
    @Order(9)
    @DisplayName("R-PIN-4: no PIN, right or wrong, in login events, admin events or the server log")
    void pinsNeverInEventsOrLogs() throws IOException {
        String events = realm.admin("GET", "/events?max=5000", null).body();
        String adminEvents = realm.admin("GET", "/admin-events?max=5000", null).body();
        String log = Files.readString(TestServer.logFile());
        assertTrue(events.contains("acting_user_id"), "the events were read");
        assertTrue(pins.size() > 10, "PINs were typed: " + pins.size());
        for (String pin : pins) {
            Pattern alone = Pattern.compile("(?<![0-9A-Za-z])" + pin + "(?![0-9A-Za-z])");
            assertFalse(alone.matcher(events).find(), "PIN in login events");
            assertFalse(alone.matcher(adminEvents).find(), "PIN in admin events");
            assertFalse(alone.matcher(log).find(), "PIN in the server log");
        }
    }
}
