package io.backoffice.keycloak.core.model;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.RealmModel;

/**
 * R-AUTHZ-1: the clients whose access tokens the organization API accepts (the token's {@code azp}).
 * The identity admin sets them in the realm attribute {@value #ATTRIBUTE} (client ids separated by commas
 * or spaces); without it, the catalogue client and the organization admin page's client.
 */
public final class ApiClients {

    public static final String ATTRIBUTE = "backoffice.api.clients";
    public static final Set<String> DEFAULT = Set.of("back-office", "backoffice-admin-page");

    private ApiClients() {
    }

    public static Set<String> of(RealmModel realm) {
        return parse(realm.getAttribute(ATTRIBUTE));
    }

    /** The client ids a value names; a missing or blank value means the default. */
    public static Set<String> parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        return Arrays.stream(value.split("[,\\s]+")).filter(id -> !id.isBlank()).collect(Collectors.toUnmodifiableSet());
    }
}
