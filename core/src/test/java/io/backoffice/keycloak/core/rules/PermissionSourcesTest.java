package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PermissionSourcesTest {

    @Test
    @DisplayName("R-LEVEL-4: each permission names the groups that give it and whether a personal grant does")
    void sources() {
        Map<String, List<String>> sources = PermissionSources.of(Set.of("pos:sell", "finance:view"), false,
                Map.of("Cashiers", Set.of("pos:sell"), "Accountants", Set.of("pos:sell")), Set.of("finance:view", "pos:sell"));
        assertEquals(List.of("group:Accountants", "group:Cashiers", "personal"), sources.get("pos:sell"));
        assertEquals(List.of("personal"), sources.get("finance:view"));
        assertEquals(List.of("owner"), PermissionSources.of(Set.of("pos:sell"), true, Map.of(), Set.of()).get("pos:sell"));
    }
}
