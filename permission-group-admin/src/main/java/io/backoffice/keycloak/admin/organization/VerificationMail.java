package io.backoffice.keycloak.admin.organization;

import java.util.concurrent.TimeUnit;

import org.keycloak.authentication.actiontoken.verifyemail.VerifyEmailActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.SystemClientUtil;
import org.keycloak.services.resources.LoginActionsService;

import io.backoffice.keycloak.core.ProblemException;

/**
 * R-ADMIN-2: Keycloak's own verify-email message, through the realm's SMTP settings, as the admin
 * console's "send verify email" builds it (an action token link, the admin-generated lifespan).
 */
final class VerificationMail {

    private VerificationMail() {
    }

    static void send(KeycloakSession session, RealmModel realm, UserModel user) {
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().get("host") == null) {
            throw ProblemException.conflict("realm_email_not_configured",
                    "The realm has no email (SMTP) settings, so the confirmation email cannot be sent; nothing was created.");
        }
        int lifespan = realm.getActionTokenGeneratedByAdminLifespan();
        VerifyEmailActionToken token = new VerifyEmailActionToken(user.getId(), Time.currentTime() + lifespan, null,
                user.getEmail(), SystemClientUtil.getSystemClient(realm).getClientId());
        String link = LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .build(realm.getName()).toString();
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(user)
                    .sendVerifyEmail(link, TimeUnit.SECONDS.toMinutes(lifespan));
        } catch (EmailException e) {
            throw new ProblemException(502, "confirmation_email_failed",
                    "The confirmation email could not be sent through the realm's email settings; nothing was created. Try again later.");
        }
    }
}
