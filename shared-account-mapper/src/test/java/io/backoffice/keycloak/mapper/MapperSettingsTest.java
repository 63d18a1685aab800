package io.backoffice.keycloak.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MapperSettingsTest {

    @Test
    @DisplayName("R-CLAIM-2, R-STEP-6a: defaults are a map of at most 5 organizations and 15 idle minutes")
    void defaults() {
        MapperSettings settings = MapperSettings.of(Map.of());
        assertEquals(MapperSettings.SeveralOrganizations.map, settings.severalOrganizations());
        assertEquals(5, settings.maxOrganizations());
        assertEquals(15 * 60, settings.actingPersonIdleSeconds());
    }

    @Test
    @DisplayName("R-CLAIM-2: one organization always; several only as configured and never more than the limit")
    void bounded() {
        MapperSettings map3 = MapperSettings.of(Map.of(MapperSettings.MAX_ORGANIZATIONS, "3"));
        assertEquals(List.of("a"), map3.bounded(List.of("a")));
        assertEquals(List.of("a", "b", "c"), map3.bounded(List.of("a", "b", "c")));
        assertEquals(List.of(), map3.bounded(List.of("a", "b", "c", "d")));
        assertEquals(List.of(), map3.bounded(List.of()));

        MapperSettings none = MapperSettings.of(Map.of(MapperSettings.SEVERAL_ORGANIZATIONS, "none"));
        assertEquals(List.of("a"), none.bounded(List.of("a")));
        assertEquals(List.of(), none.bounded(List.of("a", "b")));

        MapperSettings one = MapperSettings.of(Map.of(MapperSettings.MAX_ORGANIZATIONS, "1"));
        assertEquals(List.of("a"), one.bounded(List.of("a")));
        assertEquals(List.of(), one.bounded(List.of("a", "b")));
    }

    @Test
    @DisplayName("R-CLAIM-2: the mapper reads one organization past the limit, enough to decide, and no more")
    void enough() {
        MapperSettings map3 = MapperSettings.of(Map.of(MapperSettings.MAX_ORGANIZATIONS, "3"));
        assertEquals(4, map3.enough());
        List<String> fifty = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "o" + i).toList();
        // what it reads decides as the whole list would: nothing past the limit, everything up to it
        assertEquals(map3.bounded(fifty), map3.bounded(fifty.subList(0, map3.enough())));
        assertEquals(map3.bounded(fifty.subList(0, 3)), map3.bounded(fifty.subList(0, Math.min(3, map3.enough()))));
        MapperSettings none = MapperSettings.of(Map.of(MapperSettings.SEVERAL_ORGANIZATIONS, "none"));
        assertEquals(2, none.enough());
        assertEquals(none.bounded(fifty), none.bounded(fifty.subList(0, none.enough())));
    }

    @Test
    @DisplayName("R-CLAIM-1: a wrong setting is refused with a readable message")
    void invalid() {
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.of(Map.of(MapperSettings.MAX_ORGANIZATIONS, "0")));
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.of(Map.of(MapperSettings.MAX_ORGANIZATIONS, "51")));
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.of(Map.of(MapperSettings.MAX_ORGANIZATIONS, "ten")));
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.of(Map.of(MapperSettings.ACTING_PERSON_IDLE_MINUTES, "0")));
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.of(Map.of(MapperSettings.SEVERAL_ORGANIZATIONS, "all")));
    }
}
