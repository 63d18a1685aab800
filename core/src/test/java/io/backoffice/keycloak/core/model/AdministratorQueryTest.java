package io.backoffice.keycloak.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AdministratorQueryTest {

    @Test
    @DisplayName("R-ADMIN-2: the administrators list has sane defaults and bounds")
    void bounds() {
        AdministratorQuery defaults = AdministratorQuery.parse(null, null, null, null, null, null);
        assertEquals(0, defaults.first());
        assertEquals(AdministratorQuery.DEFAULT_MAX, defaults.max());
        assertNull(defaults.status());
        assertEquals(200, AdministratorQuery.parse(null, null, null, "3", "200", null).max());
        for (String[] bad : new String[][] {{"-1", "5"}, {"x", "5"}, {"0", "0"}, {"0", "201"}, {"0", "1.5"}}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> AdministratorQuery.parse(null, null, null, bad[0], bad[1], null));
            assertEquals(400, refused.status());
        }
    }

    @Test
    @DisplayName("R-ADMIN-2: search is trimmed and checked; status is checked")
    void searchAndStatus() {
        AdministratorQuery query = AdministratorQuery.parse("  ANA ", "inactive", null, null, null, null);
        assertEquals(AdministratorStatus.INACTIVE, query.status());
        assertEquals("ANA", query.search(), "trimmed; matched case-insensitively by the database");
        assertEquals("invalid_status", assertThrows(ProblemException.class,
                () -> AdministratorQuery.parse(null, "SLEEPING", null, null, null, null)).code());
        assertEquals("invalid_search", assertThrows(ProblemException.class,
                () -> AdministratorQuery.parse("<script>", null, null, null, null, null)).code());
    }

    @Test
    @DisplayName("R-ADMIN-2: a page's cursor comes back as it was made; a forged or mangled one is a 400, and it cannot be combined with an offset")
    void cursor() {
        PageCursor cursor = new PageCursor(1_700_000_000_123L, "f:ldap:8c1e-42");
        AdministratorQuery next = AdministratorQuery.parse(null, null, null, null, "20", cursor.encode());
        assertEquals(cursor, next.after());
        assertEquals(0, next.first());
        assertNull(AdministratorQuery.parse(null, null, null, null, null, " ").after());
        for (String bad : new String[] {"not base64!", "MTIz", "eDpib2I", PageCursor.class.getName().repeat(10)}) {
            assertEquals("invalid_after", assertThrows(ProblemException.class,
                    () -> AdministratorQuery.parse(null, null, null, null, null, bad)).code(), bad);
        }
        assertEquals("invalid_first", assertThrows(ProblemException.class,
                () -> AdministratorQuery.parse(null, null, null, "50", null, cursor.encode())).code());
    }
}
