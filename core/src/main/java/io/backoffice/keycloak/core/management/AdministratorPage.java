package io.backoffice.keycloak.core.management;

import java.util.List;
import java.util.Optional;

import io.backoffice.keycloak.core.AdministratorView;
import io.backoffice.keycloak.core.store.ListedRecord;

/** One page of an administrators list, and where the next one starts when this one was full (R-ADMIN-2). */
public record AdministratorPage(List<AdministratorView> administrators, Optional<PageCursor> next) {

    /** The views of {@code rows}, the page the database answered for a size of {@code max}. */
    public static AdministratorPage of(List<ListedRecord> rows, List<AdministratorView> views, int max) {
        return new AdministratorPage(views, rows.size() < max ? Optional.empty()
                : Optional.of(PageCursor.after(rows.get(rows.size() - 1).record())));
    }
}
