package io.backoffice.keycloak.admin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.ProblemException;

class JsonBodyTest {

    record StatusChange(AdministratorStatus status) {
    }

    @Test
    @DisplayName("Strict JSON: enum fields take their constants exactly; padded, NUL-suffixed, lower-case or numeric values are 400")
    void enumsAreExact() {
        assertEquals(AdministratorStatus.INACTIVE, JsonBody.read("{\"status\":\"INACTIVE\"}", StatusChange.class).status());
        assertNull(JsonBody.read("{\"status\":null}", StatusChange.class).status());
        for (String value : new String[] {"\" ACTIVE \"", "\"INACTIVE\\u0000\"", "\"active\"", "\"ACTIVE\\n\"", "0", "\"\""}) {
            ProblemException refused = assertThrows(ProblemException.class,
                    () -> JsonBody.read("{\"status\":" + value + "}", StatusChange.class), value);
            assertEquals(400, refused.status(), value);
        }
    }
}
