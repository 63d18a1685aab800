package io.backoffice.keycloak.core.service.onboarding;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.store.AdministratorStore;

/**
 * R-ADMIN-1: an invited person joins the organization when they accept Keycloak's invitation (its
 * handler adds the membership, which fires this event in the same transaction); their invitation then
 * becomes their administrator record. Membership added by an identity admin completes it the same way.
 */
public class InvitationAcceptance implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (!(event instanceof OrganizationModel.OrganizationMemberJoinEvent joined)) {
            return;
        }
        KeycloakSession session = joined.getSession();
        new AdministratorStore(session).findInvitation(joined.getOrganization().getId(), joined.getUser().getId())
                .ifPresent(invitation -> {
                    RealmModel realm = session.realms().getRealm(invitation.getRealmId());
                    new AdministratorService(session, realm).acceptInvitation(joined.getOrganization(), joined.getUser(), invitation);
                });
    }
}
