package io.backoffice.keycloak.core.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * R-DATA-3: a realm's back-office data as it moves between servers. Organizations are named by alias and
 * people by username, never by id, so the file fits a realm imported elsewhere (where ids differ).
 * {@code pinKey} and the digests are present only when the export asked for PINs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackofficeExport(Integer version, String pinKey, List<Organization> organizations) {

    public static final int VERSION = 1;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Organization(String alias, Integer pinLength, Boolean sharedAccountsUnlocked, Integer administratorSeats,
                               String pinDigestScope, List<Administrator> administrators) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** {@code createdAt} (epoch milliseconds) keeps the lists' oldest-first order after the move. */
    public record Administrator(String username, Boolean owner, AdministratorStatus status, PinMode pinMode,
                                List<String> permissionGroups, Long createdAt, String pinDigest) {
    }

    /** What an import did; {@code needNewPin} names the PIN holders who arrived without their PIN (alias/username). */
    public record ImportResult(int organizations, int administrators, boolean pinKeyImported, List<String> needNewPin) {
    }
}
