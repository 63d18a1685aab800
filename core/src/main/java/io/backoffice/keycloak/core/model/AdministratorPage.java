package io.backoffice.keycloak.core.model;

import java.util.List;
import java.util.Optional;

/** One page of an administrators list, and where the next one starts when this one was full (R-ADMIN-2). */
public record AdministratorPage(List<AdministratorView> administrators, Optional<PageCursor> next) {
}
