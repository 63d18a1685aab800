package io.backoffice.keycloak.core.service.onboarding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.keycloak.authentication.actiontoken.execactions.ExecuteActionsActionToken;
import org.keycloak.authentication.actiontoken.inviteorg.InviteOrgActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.InvitationManager;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.Urls;
import org.keycloak.services.resources.LoginActionsService;

import io.backoffice.keycloak.core.model.ProblemException;

/**
 * The mails through which people get in, all made of Keycloak's own action tokens and sent through the
 * realm's SMTP settings. Links live for the realm's "admin-initiated action" lifespan
 * ({@code actionTokenGeneratedByAdminLifespan}, Realm settings → Tokens, default 12 hours).
 * After the link, people land on the organization admin page when the realm has its client, else on
 * the account console.
 */
public final class AccountMails {

    private static final Logger LOG = Logger.getLogger(AccountMails.class);

    /** The organization admin page's public client and where it lives. */
    public static final String ADMIN_PAGE_CLIENT = "backoffice-admin-page";
    /** Our email theme, which names the organization in the onboarding mail. */
    public static final String EMAIL_THEME = "backoffice";
    static final String ONBOARDING_TEMPLATE = "backoffice-onboarding.ftl";
    static final String ONBOARDING_SUBJECT = "backofficeOnboardingSubject";

    private final KeycloakSession session;
    private final RealmModel realm;

    public AccountMails(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * R-ADMIN-8: one mail that verifies the address and sets the first password (execute-actions with
     * VERIFY_EMAIL and UPDATE_PASSWORD), naming the organization. Sent again, it is a fresh link.
     */
    public void sendOnboarding(UserModel user, OrganizationModel organization) {
        List<String> actions = List.of(UserModel.RequiredAction.VERIFY_EMAIL.name(), UserModel.RequiredAction.UPDATE_PASSWORD.name());
        String link = executeActionsLink(user, actions);
        long minutes = lifespanMinutes();
        send(mail -> {
            mail.setAttribute(Constants.TEMPLATE_ATTR_REQUIRED_ACTIONS, actions);
            if (EMAIL_THEME.equals(realm.getEmailTheme())) {
                // A mutable map: Keycloak adds its own attributes (locale, msg, user...) to it.
                mail.send(ONBOARDING_SUBJECT, List.of(organization.getName()), ONBOARDING_TEMPLATE,
                        new HashMap<>(Map.of("link", link, "linkExpiration", minutes, "organizationName", organization.getName())));
            } else {
                // Another email theme has no template of ours: Keycloak's own execute-actions mail.
                mail.sendExecuteActions(link, minutes);
            }
        }, user);
    }

    /** R-ADMIN-9: Keycloak's own "update your password" mail (execute-actions with UPDATE_PASSWORD). */
    public void sendPasswordReset(UserModel user) {
        List<String> actions = List.of(UserModel.RequiredAction.UPDATE_PASSWORD.name());
        String link = executeActionsLink(user, actions);
        send(mail -> mail.setAttribute(Constants.TEMPLATE_ATTR_REQUIRED_ACTIONS, actions).sendExecuteActions(link, lifespanMinutes()), user);
    }

    /**
     * R-ADMIN-1: Keycloak's own organization invitation (an invitation row and an
     * {@link InviteOrgActionToken} link) for an existing person; any earlier invitation to the same
     * address is replaced. Returns Keycloak's invitation id.
     */
    public String sendInvitation(UserModel user, OrganizationModel organization, String email, String firstName, String lastName) {
        InvitationManager invitations = session.getProvider(OrganizationProvider.class).getInvitationManager();
        OrganizationInvitationModel earlier = invitations.getByEmail(organization, email);
        if (earlier != null) {
            invitations.remove(earlier.getId());
        }
        OrganizationInvitationModel invitation = invitations.create(organization, email, firstName, lastName);
        Landing landing = landing();
        InviteOrgActionToken token = new InviteOrgActionToken(user.getId(), invitation.getExpiresAt(), user.getEmail(), landing.clientId());
        token.setOrgId(organization.getId());
        token.id(invitation.getId());
        token.setRedirectUri(landing.redirectUri());
        String link = LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .build(realm.getName()).toString();
        invitation.setInviteLink(link);
        send(mail -> mail.sendOrgInviteEmail(organization, link, lifespanMinutes()), user);
        return invitation.getId();
    }

    private String executeActionsLink(UserModel user, List<String> actions) {
        Landing landing = landing();
        ExecuteActionsActionToken token = new ExecuteActionsActionToken(user.getId(), user.getEmail(),
                Time.currentTime() + realm.getActionTokenGeneratedByAdminLifespan(), actions, landing.redirectUri(), landing.clientId());
        return LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .build(realm.getName()).toString();
    }

    /** Where a person lands after a link: the organization admin page, else the account console. */
    public record Landing(String clientId, String redirectUri) {
    }

    public Landing landing() {
        var base = session.getContext().getUri().getBaseUri();
        if (realm.getClientByClientId(ADMIN_PAGE_CLIENT) != null) {
            return new Landing(ADMIN_PAGE_CLIENT, Urls.realmBase(base).path(realm.getName()).path("backoffice/app/").build().toString());
        }
        return new Landing(Constants.ACCOUNT_CONSOLE_CLIENT_ID, Urls.accountBase(base).path("/").build(realm.getName()).toString());
    }

    private long lifespanMinutes() {
        return TimeUnit.SECONDS.toMinutes(realm.getActionTokenGeneratedByAdminLifespan());
    }

    private interface Sending {
        void to(EmailTemplateProvider mail) throws EmailException;
    }

    private void send(Sending sending, UserModel user) {
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().get("host") == null) {
            throw ProblemException.conflict("realm_email_not_configured",
                    "The realm has no email (SMTP) settings, so the email cannot be sent; nothing was changed.");
        }
        try {
            sending.to(session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user));
        } catch (EmailException e) {
            LOG.warnf(e, "A mail to user %s of realm %s was not sent", user.getId(), realm.getName());
            throw new ProblemException(502, "email_failed",
                    "The email could not be sent through the realm's email settings; nothing was changed. Try again later.");
        }
    }
}
