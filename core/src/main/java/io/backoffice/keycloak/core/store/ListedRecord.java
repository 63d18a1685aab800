package io.backoffice.keycloak.core.store;

import org.keycloak.models.UserModel;

/**
 * One row of an administrators page: the record and what the list shows of its person, read with it from
 * Keycloak's user table in the page's query ({@code person} is null for a user that table does not hold,
 * a federated user not imported). A page then needs no look-up per person: Keycloak's own
 * {@code getUserById} costs a query or two per organization member even when the user is cached.
 */
public record ListedRecord(AdministratorEntity record, Person person) {

    /** What an administrator view shows of a person. */
    public record Person(String userId, String username, String email, String firstName, String lastName, boolean emailVerified) {

        public static Person of(UserModel user) {
            return new Person(user.getId(), user.getUsername(), user.getEmail(), user.getFirstName(), user.getLastName(),
                    user.isEmailVerified());
        }
    }

    static final String PERSON_COLUMNS = "u.id, u.username, u.email, u.firstName, u.lastName, u.emailVerified";

    /** From a row {@code a, <PERSON_COLUMNS>} of a query whose user join may have found nobody. */
    static ListedRecord of(Object[] row) {
        return new ListedRecord((AdministratorEntity) row[0], row[1] == null ? null
                : new Person((String) row[1], (String) row[2], (String) row[3], (String) row[4], (String) row[5], (Boolean) row[6]));
    }
}
