package io.backoffice.keycloak.core.store.jpa;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.IntegrationEntity;
import io.backoffice.keycloak.core.store.InvitationEntity;
import io.backoffice.keycloak.core.store.OrganizationOwnerEntity;
import io.backoffice.keycloak.core.store.OrganizationSupportEntity;
import io.backoffice.keycloak.core.store.PersonalGrantEntity;
import io.backoffice.keycloak.core.store.PinKeyEntity;
import io.backoffice.keycloak.core.store.PinLockEntity;

public class BackofficeJpaEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(AdministratorEntity.class, OrganizationOwnerEntity.class, PinKeyEntity.class, PinLockEntity.class,
                OrganizationSupportEntity.class, InvitationEntity.class, PersonalGrantEntity.class,
                IntegrationEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/backoffice-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return BackofficeJpaEntityProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
