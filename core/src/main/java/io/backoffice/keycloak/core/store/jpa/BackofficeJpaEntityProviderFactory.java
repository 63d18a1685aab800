package io.backoffice.keycloak.core.store.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import io.backoffice.keycloak.core.service.console.ConsolePathRules;
import io.backoffice.keycloak.core.service.integrations.IntegrationCleanup;
import io.backoffice.keycloak.core.service.onboarding.InvitationAcceptance;
import io.backoffice.keycloak.core.store.RecordCleanup;

/**
 * Registers our two tables. The id's first ten letters name Liquibase's tracking table
 * ({@code DATABASECHANGELOG_backoffice}), so it must stay distinctive.
 */
public class BackofficeJpaEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "backoffice-administrators";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new BackofficeJpaEntityProvider();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Keycloak does not remove rows of tables it does not own (R-DATA-1/2).
        factory.register(new RecordCleanup());
        factory.register(new IntegrationCleanup());
        // The console's own paths keep our rules (R-CONSOLE-2).
        factory.register(new ConsolePathRules());
        factory.register(new InvitationAcceptance());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
