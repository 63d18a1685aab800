package io.backoffice.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.backoffice.keycloak.testkit.Http;

/** The organization admin page's journeys in Chromium against the real server (R-UI-*, R-CONSOLE-1). */
class AdminPageBrowserTest {

    static TestRealm realm;
    static TestOrganization centre;

    private AdminPageBrowser browser;

    @BeforeAll
    static void setUp() {
        AdminPageBrowser.assumeChromium();
        realm = TestRealm.create("adminpage");
        Mailbox.configure(realm);
        AdminPageBrowser.prepareClient(realm);
        centre = TestOrganization.create(realm);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private AdminPageBrowser loggedIn(String username, String route) {
        browser = AdminPageBrowser.open();
        browser.get(realm, route);
        browser.login(username);
        return browser;
    }

    @Test
    @DisplayName("R-UI-1, R-UI-2, R-UI-5, R-PIN-4: the owner adds an administrator with two groups and a PIN setting; a PIN is shown once and gone on reload")
    void ownerAddsAnAdministratorWithAPin() {
        AdminPageBrowser page = loggedIn(centre.ownerEmail, "");
        page.waitFor(By.id("administrators"));
        assertTrue(page.driver.getCurrentUrl().endsWith("/o/" + centre.id + "/administrators"), page.driver.getCurrentUrl());
        assertTrue(page.driver.findElement(By.cssSelector("[data-user-id='" + centre.ownerId + "']")).getText().contains("Account owner"),
                "the owner is marked");
        new org.openqa.selenium.interactions.Actions(page.driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        assertEquals("Skip to content", page.driver.switchTo().activeElement().getText(), "the keyboard's first stop skips to the content");
        page.assertAccessible("administrators");
        page.screenshots("administrators-en");

        // Adding mails the person (R-ADMIN-1, R-ADMIN-8); the page says so.
        String email = centre.email("dana");
        page.click(By.id("add-administrator"));
        page.type(By.id("email"), email);
        page.type(By.id("firstName"), "Dana");
        page.type(By.id("lastName"), "Desk");
        page.click(By.xpath("//label[normalize-space()='" + TestOrganization.FRONT_STAFF + "']"));
        page.click(By.xpath("//label[normalize-space()='" + TestOrganization.ACCOUNTANT + "']"));
        page.driver.findElement(By.cssSelector("#pinMode option[value='PIN']")).click();
        page.assertAccessible("add administrator");
        page.click(By.id("save"));
        assertTrue(page.waitFor(By.id("form-notice")).getText().contains(email), page.text());

        // A PIN is issued to an administrator who is in, and shown once.
        String pat = centre.addAdministrator("pat", TestOrganization.FRONT_STAFF, TestOrganization.ACCOUNTANT);
        page.get(realm, "o/" + centre.id + "/administrators/" + pat);
        page.waitFor(By.id("administrator-form"));
        assertEquals("true", page.driver.findElement(By.id("email")).getAttribute("readonly"), "username read-only");
        assertTrue(page.text().contains("cannot be changed"), "with the reason");
        page.assertAccessible("edit administrator");
        page.screenshots("edit-en");
        page.driver.findElement(By.cssSelector("#pinMode option[value='PIN']")).click();
        page.click(By.id("save"));
        String pin = page.waitFor(By.id("shown-pin")).getText();
        assertTrue(pin.matches("\\d{6}"), pin);
        TestHttp.ISSUED_PINS.add(pin); // LeakCheckTest looks for it in logs, events and the database
        assertTrue(page.text().contains("will not be shown again"), page.text());
        page.assertAccessible("PIN dialog");
        page.screenshots("pin-en");
        JsonNode record = centre.administrator(centre.ownerToken(), pat);
        assertEquals("PIN", record.get("pinMode").asText());
        assertEquals(List.of(TestOrganization.ACCOUNTANT, TestOrganization.FRONT_STAFF), strings(record.get("permissionGroups")));

        page.click(By.id("pin-close"));
        long reload = System.nanoTime();
        page.driver.navigate().refresh();
        page.waitFor(By.id("regenerate-pin"));
        System.out.printf("R-UI-6 measured: the edit screen usable %d ms after a reload (login round trip included)%n",
                (System.nanoTime() - reload) / 1_000_000);
        assertFalse(page.driver.getPageSource().contains(pin), "the PIN is gone after a reload");
        page.click(By.id("regenerate-pin"));
        String regenerated = page.waitFor(By.id("shown-pin")).getText();
        TestHttp.ISSUED_PINS.add(regenerated);
        assertTrue(regenerated.matches("\\d{6}") && !regenerated.equals(pin), regenerated);
    }

    @Test
    @DisplayName("R-API-1, R-API-2, R-UI-2, R-UI-5: the owner adds an integration, sees its secret once, deactivates it and rotates its secret")
    void ownerManagesAnIntegration() {
        AdminPageBrowser page = loggedIn(centre.ownerEmail, "o/" + centre.id + "/integrations");
        page.waitFor(By.id("integrations"));
        page.click(By.id("add-integration"));
        page.type(By.id("name"), "Accounting sync");
        page.type(By.id("description"), "Nightly export");
        page.click(By.xpath("//label[normalize-space()='" + TestOrganization.ACCOUNTANT + "']"));
        page.assertAccessible("add integration");
        page.click(By.id("save"));
        String secret = page.waitFor(By.id("shown-secret")).getText();
        assertTrue(secret.length() >= 32, secret);
        assertTrue(page.text().contains("will not be shown again"), page.text());
        page.assertAccessible("client secret dialog");
        page.screenshots("integration-secret-en");
        JsonNode created = null;
        for (JsonNode integration : centre.api("GET", centre.ownerToken(), "/integrations", null).json()) {
            if (integration.get("name").asText().equals("Accounting sync")) {
                created = integration;
            }
        }
        assertTrue(created != null && !created.has("clientSecret"), String.valueOf(created));
        String clientId = created.get("clientId").asText();
        assertEquals(200, realm.clientCredentials(clientId, secret).status(), "the secret shown is the one that works");

        // Closed, the secret is gone; the edit screen deactivates the integration.
        page.click(By.id("secret-close"));
        page.waitFor(By.id("integration-form"));
        assertFalse(page.driver.getPageSource().contains(secret), "the secret is not on the page any more");
        page.driver.findElement(By.cssSelector("#status option[value='INACTIVE']")).click();
        page.click(By.id("save"));
        page.waitFor(By.id("form-notice"));
        assertEquals(4, realm.clientCredentials(clientId, secret).status() / 100, "a deactivated integration gets no token");
        page.driver.findElement(By.cssSelector("#status option[value='ACTIVE']")).click();
        page.click(By.id("save"));
        page.waitFor(By.id("form-notice"));
        assertEquals(200, realm.clientCredentials(clientId, secret).status(), "reactivated, with the same secret");

        page.click(By.id("rotate-secret"));
        String rotated = page.waitFor(By.id("shown-secret")).getText();
        assertFalse(rotated.equals(secret));
        assertEquals(401, realm.clientCredentials(clientId, secret).status(), "the old secret stops working");
        page.click(By.id("secret-close"));

        page.get(realm, "o/" + centre.id + "/integrations");
        assertTrue(page.waitFor(By.cssSelector("[data-integration='Accounting sync']")).getText().contains(clientId));
        page.assertAccessible("integrations");
        page.screenshots("integrations-en");
    }

    @Test
    @DisplayName("R-UI-3: an administrator without org-settings:manage-permissions sees no group editing and no owner settings")
    void noGroupEditingWithoutManagePermissions() {
        centre.addAdministrator("mia", TestOrganization.MANAGERS);
        AdminPageBrowser page = loggedIn(centre.email("mia"), "o/" + centre.id + "/groups");
        page.waitFor(By.id("permission-groups"));
        assertTrue(page.driver.findElements(By.id("create-group")).isEmpty(), "no create button");
        assertTrue(page.driver.findElements(By.className("bo-delete")).isEmpty(), "no delete buttons");
        assertFalse(page.text().contains("Organization settings"), "settings are the owner's");
        page.click(By.linkText(TestOrganization.FRONT_STAFF));
        page.waitFor(By.id("group-form"));
        assertTrue(page.driver.findElements(By.id("save")).isEmpty(), "no save button");
        assertFalse(page.driver.findElement(By.id("section-pos")).isEnabled(), "sections read-only");
        assertFalse(page.driver.findElement(By.id("toggle-all")).isEnabled(), "toggle all read-only");
        page.assertAccessible("permission group, read-only");
    }

    @Test
    @DisplayName("R-UI-2, R-GROUP-1, R-LEVEL-1, R-LEVEL-3: a group's sections toggled whole and one by one and an area's level round-trip to the API; toggle all leaves out owner-only permissions")
    void sectionsToggleWholeOrOneByOne() {
        AdminPageBrowser page = loggedIn(centre.ownerEmail, "o/" + centre.id + "/groups");
        page.click(By.id("create-group"));
        page.type(By.id("group-name"), "Till");
        page.click(By.id("section-pos"));
        page.click(By.id("permission-store-store:override-restrictions"));
        page.driver.findElement(By.cssSelector("#level-finance option[value='view']")).click();
        // An owner-only permission shows, marked, and cannot be ticked (R-LEVEL-3).
        org.openqa.selenium.WebElement ownerOnly = page.driver.findElement(By.id("permission-loose-account:close"));
        assertFalse(ownerOnly.isEnabled() || ownerOnly.isSelected(), "owner-only permission disabled and not granted");
        String ownerOnlyLabel = page.driver.findElement(By.cssSelector("label[for='permission-loose-account:close']")).getText();
        assertTrue(ownerOnlyLabel.contains("owner only"), ownerOnlyLabel);
        page.assertAccessible("create permission group");
        page.screenshots("group-en");
        page.click(By.id("save"));
        page.waitFor(By.cssSelector("[data-group='Till']"));
        JsonNode till = group("Till");
        assertEquals(List.of("finance:view", "pos", "store:override-restrictions"), strings(till.get("grants")));
        assertEquals("view", till.get("levels").get("finance").asText());
        page.assertAccessible("permission groups");
        page.screenshots("groups-en");

        page.click(By.linkText("Till"));
        page.waitFor(By.id("group-form"));
        assertTrue(page.driver.findElement(By.id("section-pos")).isSelected(), "the section shows as granted whole");
        assertEquals("view", new org.openqa.selenium.support.ui.Select(page.driver.findElement(By.id("level-finance")))
                .getFirstSelectedOption().getAttribute("value"), "the area's level shows as chosen");
        page.click(By.id("permission-pos-pos:refund"));
        page.click(By.id("save"));
        page.waitFor(By.cssSelector("[data-group='Till']"));
        assertEquals(List.of("finance:view", "pos:sell", "store:override-restrictions"), strings(group("Till").get("grants")));

        page.click(By.linkText("Till"));
        page.click(By.id("toggle-all"));
        page.click(By.id("save"));
        page.waitFor(By.cssSelector("[data-group='Till']"));
        JsonNode all = group("Till");
        assertEquals(List.of("approve-invoices:yes", "contacts:manage", "finance", "finance:manage", "invoices:manage", "invoicing",
                "org-settings", "pos", "store", "time-entry:self-and-others"), strings(all.get("grants")));
        assertFalse(strings(all.get("permissions")).contains("account:close"), "no owner-only permission in a group");
    }

    @Test
    @DisplayName("R-LEVEL-2: a preset chosen when adding a person gives them its groups")
    void presetUsedWhenAdding() {
        Http.Reply preset = centre.api("PUT", centre.ownerToken(), "/presets/Desk%20team",
                java.util.Map.of("permissionGroups", List.of(TestOrganization.FRONT_STAFF, TestOrganization.ACCOUNTANT)));
        assertEquals(200, preset.status(), preset.toString());
        AdminPageBrowser page = loggedIn(centre.ownerEmail, "o/" + centre.id + "/administrators/new");
        String email = centre.email("pia");
        page.type(By.id("email"), email);
        page.type(By.id("firstName"), "Pia");
        page.type(By.id("lastName"), "Preset");
        page.waitFor(By.cssSelector("#preset option[value='Desk team']")).click();
        assertTrue(page.driver.findElements(By.cssSelector("input[name='permissionGroups']")).isEmpty(), "the preset stands for the groups");
        page.assertAccessible("add administrator with a preset");
        page.screenshots("preset-en");
        page.click(By.id("save"));
        assertTrue(page.waitFor(By.id("form-notice")).getText().contains(email), page.text());
        JsonNode invited = null;
        for (JsonNode pending : centre.api("GET", centre.ownerToken(), "/administrators/invitations", null).json()) {
            if (email.equals(pending.get("email").asText())) {
                invited = pending;
            }
        }
        assertTrue(invited != null, "the person is brought in");
        assertEquals(List.of(TestOrganization.ACCOUNTANT, TestOrganization.FRONT_STAFF), strings(invited.get("permissionGroups")));

        // Pending, the person is listed apart from the administrators (R-ADMIN-2).
        page.get(realm, "o/" + centre.id + "/administrators");
        String row = page.waitFor(By.cssSelector("#invitations [data-email='" + email + "']")).getText();
        assertTrue(row.contains(TestOrganization.FRONT_STAFF), row);
        assertTrue(page.driver.findElements(By.xpath("//table[@id='administrators']//td[normalize-space()='" + email + "']")).isEmpty(),
                "not among the administrators");
        page.assertAccessible("administrators with invitations");
        page.screenshots("invitations-en", "invitations-title");
    }

    @Test
    @DisplayName("R-LEVEL-4: a personal level set on the person's edit screen round-trips to the API, with where each permission comes from")
    void personalLevelOnTheEditScreen() {
        String kim = centre.addAdministrator("kim", TestOrganization.FRONT_STAFF);
        AdminPageBrowser page = loggedIn(centre.ownerEmail, "o/" + centre.id + "/administrators/" + kim);
        page.waitFor(By.cssSelector("#personal-level-invoices option[value='review']")).click();
        page.click(By.id("save-personal-grants"));
        page.waitFor(By.id("personal-grants-saved"));
        JsonNode record = centre.administrator(centre.ownerToken(), kim);
        assertEquals(List.of("invoices:review"), strings(record.get("personalGrants")));
        assertTrue(page.waitFor(By.cssSelector("#permission-sources [data-permission='invoices:review']")).getText()
                .contains("Personal adjustment"), page.text());
        page.assertAccessible("personal adjustments");
        page.screenshots("personal-grants-en", "personal-grants-title");
    }

    @Test
    @DisplayName("R-UI-3, R-GROUP-3: deleting a group in use shows the API's message with the count beside the button")
    void deletingAGroupInUseShowsTheCount() {
        centre.addAdministrator("eve", TestOrganization.ACCOUNTANT);
        long holders = group(TestOrganization.ACCOUNTANT).get("administratorCount").asLong();
        AdminPageBrowser page = loggedIn(centre.ownerEmail, "o/" + centre.id + "/groups");
        By row = By.cssSelector("[data-group='" + TestOrganization.ACCOUNTANT + "']");
        page.waitFor(row).findElement(By.className("bo-delete")).click();
        page.click(By.id("confirm-delete"));
        String refusal = page.waitFor(By.cssSelector("[data-group='" + TestOrganization.ACCOUNTANT + "'] .bo-refusal")).getText();
        assertTrue(refusal.contains(holders + " administrator"), refusal);
        assertEquals(holders, group(TestOrganization.ACCOUNTANT).get("administratorCount").asLong(), "nothing changed");
        page.assertAccessible("delete refused");
    }

    @Test
    @DisplayName("R-UI-2, R-GROUP-4: the comparison filtered by a permission lists the groups that grant it")
    void comparisonFilteredByAPermission() {
        AdminPageBrowser page = loggedIn(centre.ownerEmail, "o/" + centre.id + "/comparison");
        page.waitFor(By.id("comparison"));
        page.driver.findElement(By.cssSelector("#comparison-filter option[value='finance:reports-own']")).click();
        page.waitFor(By.cssSelector("#comparison [data-permission='finance:reports-own']"));
        new org.openqa.selenium.support.ui.WebDriverWait(page.driver, java.time.Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector("#comparison tbody tr")).size() == 1);
        String granted = page.driver.findElement(By.cssSelector("#comparison [data-permission='finance:reports-own']")).getText();
        assertTrue(granted.contains(TestOrganization.ACCOUNTANT) && granted.contains(TestOrganization.EVERYTHING), granted);
        assertFalse(granted.contains(TestOrganization.FRONT_STAFF), granted);
        page.assertAccessible("comparison");
        page.screenshots("comparison-en");
    }

    @Test
    @DisplayName("R-UI-2: an administrator of two organizations switches between them")
    void administratorOfTwoOrganizationsSwitches() {
        TestOrganization other = TestOrganization.create(realm);
        String userId = centre.addAdministrator("sam", TestOrganization.MANAGERS);
        Http.Reply joined = realm.backofficeAdmin("POST", "/organizations/" + other.id + "/administrators",
                java.util.Map.of("userId", userId, "permissionGroups", List.of(TestOrganization.MANAGERS)));
        assertEquals(201, joined.status(), joined.toString());
        AdminPageBrowser page = loggedIn(centre.email("sam"), "");
        page.waitFor(By.id("administrators"));
        assertEquals(2, page.driver.findElements(By.cssSelector("#organization-switcher option")).size());
        String first = page.driver.getCurrentUrl();
        String target = first.contains(centre.id) ? other.id : centre.id;
        String targetOwner = first.contains(centre.id) ? other.ownerId : centre.ownerId;
        page.driver.findElement(By.cssSelector("#organization-switcher option[value='" + target + "']")).click();
        page.waitFor(By.cssSelector("[data-user-id='" + targetOwner + "']"));
        assertTrue(page.driver.getCurrentUrl().contains("/o/" + target + "/administrators"), page.driver.getCurrentUrl());
        page.get(realm, "o/" + target + "/profile");
        page.waitFor(By.id("profile-form"));
        page.assertAccessible("my profile");
        page.screenshots("profile-en");
    }

    @Test
    @DisplayName("R-UI-4, R-UI-5: French throughout, following the Keycloak user's locale, switchable on the page")
    void frenchThroughout() {
        String userId = realm.createUser(centre.email("lea"), "Léa", "Tester", true);
        com.fasterxml.jackson.databind.node.ObjectNode user = (com.fasterxml.jackson.databind.node.ObjectNode) realm.adminGet("/users/" + userId);
        user.putObject("attributes").putArray("locale").add("fr");
        assertEquals(204, realm.admin("PUT", "/users/" + userId, user).status());
        Http.Reply added = realm.backofficeAdmin("POST", "/organizations/" + centre.id + "/administrators",
                java.util.Map.of("userId", userId, "permissionGroups", List.of(TestOrganization.EVERYTHING)));
        assertEquals(201, added.status(), added.toString());

        AdminPageBrowser page = loggedIn(centre.email("lea"), "");
        page.waitFor(By.id("administrators"));
        assertEquals("fr", page.driver.findElement(By.tagName("html")).getAttribute("lang"));
        String[][] screens = {
            {"administrators", "Administrateurs", "Ajouter un administrateur"},
            {"administrators/new", "Ajouter un administrateur", "Prénom"},
            {"groups", "Groupes de permissions", "Titulaires"},
            {"comparison", "Comparaison", "Accordée par"},
            {"integrations", "Intégrations", "Ajouter une intégration"},
            {"profile", "Mon profil", "Nom de famille"},
        };
        for (String[] screen : screens) {
            page.get(realm, "o/" + centre.id + "/" + screen[0]);
            page.waitForText(screen[2]);
            assertTrue(page.text().contains(screen[1]), screen[0] + ": " + page.text());
            assertFalse(page.text().contains("Permission groups"), screen[0] + " has English: " + page.text());
            page.assertAccessible(screen[0] + " (fr)");
            page.screenshots(screen[0].replace('/', '-') + "-fr");
        }
        page.get(realm, "o/" + centre.id + "/groups");
        page.waitFor(By.cssSelector("[data-group='" + TestOrganization.EVERYTHING + "'] .bo-delete")).click();
        page.click(By.id("confirm-delete"));
        String refusal = page.waitFor(By.cssSelector("[data-group='" + TestOrganization.EVERYTHING + "'] .bo-refusal")).getText();
        assertTrue(refusal.startsWith("Ce groupe de permissions est encore attribué à"), "the API's refusal in French: " + refusal);
        page.driver.findElement(By.cssSelector("#language option[value='en']")).click();
        page.waitForText("My profile");
        page.driver.findElement(By.cssSelector("#language option[value='fr']")).click();
        page.waitForText("Mon profil");
    }

    @Test
    @DisplayName("R-CONSOLE-1, R-OWNER-1, R-OWNER-4: in support mode an identity admin with manage-users sees the organizations, transfers one's ownership and gives another its first owner")
    void supportModeTransfersOwnership() {
        TestOrganization shop = TestOrganization.create(realm);
        String heir = shop.addAdministrator("heir", TestOrganization.MANAGERS);
        String supportId = realm.createUser("support@" + realm.name() + ".example", "Sue", "Support", true);
        String realmManagement = realm.clientUuid("realm-management");
        JsonNode manageUsers = realm.adminGet("/clients/" + realmManagement + "/roles/manage-users");
        assertEquals(204, realm.admin("POST", "/users/" + supportId + "/role-mappings/clients/" + realmManagement,
                List.of(manageUsers)).status());

        AdminPageBrowser page = loggedIn("support@" + realm.name() + ".example", "");
        page.waitFor(By.id("organizations"));
        assertTrue(page.driver.getCurrentUrl().endsWith("/support"), page.driver.getCurrentUrl());
        page.waitFor(By.cssSelector("[data-organization='" + shop.alias + "'] .bo-show")).click();
        assertTrue(page.waitFor(By.id("current-owner")).getText().contains(shop.ownerEmail));
        page.waitFor(By.cssSelector("#support-administrators [data-user-id='" + heir + "']"));
        // What the identity admin grants the organization (R-PIN-7, R-ADMIN-10).
        page.type(By.id("administrator-seats"), "9");
        if (!page.driver.findElement(By.id("shared-accounts-unlocked")).isSelected()) {
            page.click(By.id("shared-accounts-unlocked"));
        }
        page.click(By.id("save-support-settings"));
        page.waitFor(By.id("support-settings-saved"));
        JsonNode support = realm.backofficeAdmin("GET", "/organizations/" + shop.id + "/support", null).json();
        assertEquals(9, support.get("administratorSeats").asInt());
        assertTrue(support.get("sharedAccountsUnlocked").asBoolean());
        page.assertAccessible("support");
        page.screenshots("support-en");
        page.driver.findElement(By.cssSelector("#new-owner option[value='" + heir + "']")).click();
        page.type(By.id("former-owner-groups"), TestOrganization.MANAGERS);
        page.click(By.id("transfer-ownership"));
        new org.openqa.selenium.support.ui.WebDriverWait(page.driver, java.time.Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("current-owner")).getText().contains(shop.email("heir")));
        assertEquals(heir, realm.backofficeAdmin("GET", "/organizations/" + shop.id + "/owner", null).json().get("userId").asText());
        page.waitFor(By.cssSelector("#support-administrators [data-user-id='" + shop.ownerId + "']"));
        assertTrue(page.driver.findElement(By.cssSelector("#support-administrators [data-user-id='" + shop.ownerId + "']")).getText()
                .contains(TestOrganization.MANAGERS), "the former owner keeps the named group");

        // An organization without an owner gets one (R-OWNER-1).
        String alias = "bare-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String bare = realm.createOrganization("Bare " + alias, alias);
        realm.createUser("boss@" + alias + ".example", "Bo", "Boss", true);
        page.driver.navigate().refresh();
        page.waitFor(By.cssSelector("[data-organization='" + alias + "'] .bo-show")).click();
        assertTrue(page.waitFor(By.id("current-owner")).getText().contains("No owner yet"));
        page.type(By.id("owner-email"), "boss@" + alias + ".example");
        page.type(By.id("owner-firstName"), "Bo");
        page.type(By.id("owner-lastName"), "Boss");
        page.click(By.id("bootstrap-owner"));
        new org.openqa.selenium.support.ui.WebDriverWait(page.driver, java.time.Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("current-owner")).getText().contains("boss@" + alias + ".example"));
        assertEquals("boss@" + alias + ".example",
                realm.backofficeAdmin("GET", "/organizations/" + bare + "/owner", null).json().get("username").asText());
    }

    @Test
    @DisplayName("R-UI-2, R-UI-3, R-UI-5: organization settings for the owner; an expired session goes through Keycloak's login and comes back to the same screen")
    void expiredSessionComesBackToTheSameScreen() {
        AdminPageBrowser page = loggedIn(centre.ownerEmail, "o/" + centre.id + "/settings");
        page.waitFor(By.id("pinLength"));
        page.assertAccessible("organization settings");
        page.screenshots("settings-en");
        assertEquals(204, realm.admin("POST", "/users/" + centre.ownerId + "/logout", null).status());
        page.type(By.id("pinLength"), "7");
        page.click(By.id("save"));
        page.login(centre.ownerEmail);
        page.waitFor(By.id("pinLength"));
        assertTrue(page.driver.getCurrentUrl().endsWith("/o/" + centre.id + "/settings"), page.driver.getCurrentUrl());
    }

    private JsonNode group(String name) {
        for (JsonNode g : centre.api("GET", centre.ownerToken(), "/permission-groups", null).json()) {
            if (name.equals(g.get("name").asText())) {
                return g;
            }
        }
        throw new AssertionError("no group " + name);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values.stream().sorted().toList();
    }
}
