package io.backoffice.keycloak.pin;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.ws.rs.core.Response;

import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeBase;
import org.keycloak.protocol.oidc.grants.RefreshTokenGrantType;
import org.keycloak.representations.RefreshToken;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.util.TokenUtil;

/**
 * The staff PIN switch at a terminal (R-POS-1..3): {@code grant_type=urn:backoffice:params:oauth:grant-type:staff-pin}
 * with the shared account's {@code refresh_token} and a {@code pin}. The PIN entry is {@link StaffPinCheck}'s, as on
 * the PIN page; on success the session's acting person is updated and Keycloak's own refresh issues the new token
 * set of the same session (its checks, rotation and mappers, so {@code act} names the PIN's holder).
 * <p>
 * It never logs anyone in: the refresh token must be this client's, of a live (not offline) session of a shared
 * account. The client must be allowed: it has the client scope {@value #ALLOWED_CLIENT_SCOPE} assigned.
 */
public class StaffPinGrantType extends OAuth2GrantTypeBase {

    public static final String GRANT_TYPE = "urn:backoffice:params:oauth:grant-type:staff-pin";
    public static final String PIN_PARAM = "pin";
    /** Assigning this client scope (default or optional) to a client allows it the grant; the console shows it on the client's page. */
    public static final String ALLOWED_CLIENT_SCOPE = "backoffice-staff-pin-grant";
    /** Wrong PINs sent by grant on one session, counted like the wrong PINs of one login on the PIN page. */
    static final String FAILURES_NOTE = "backoffice.staff-pin.grant-failures";

    @Override
    public Response process(Context context) {
        setContext(context);
        if (!isAllowed(client)) {
            event.detail(Details.REASON, "client lacks the client scope " + ALLOWED_CLIENT_SCOPE);
            event.error(Errors.NOT_ALLOWED);
            throw new CorsErrorResponseException(cors, OAuthErrorException.UNAUTHORIZED_CLIENT,
                    "The client is not allowed the staff PIN grant", Response.Status.BAD_REQUEST);
        }
        String encodedRefreshToken = formParams.getFirst(OAuth2Constants.REFRESH_TOKEN);
        String pin = formParams.getFirst(PIN_PARAM);
        if (encodedRefreshToken == null || pin == null || pin.isBlank()) {
            throw new CorsErrorResponseException(cors, OAuthErrorException.INVALID_REQUEST,
                    "refresh_token and pin are required", Response.Status.BAD_REQUEST);
        }
        UserSessionModel userSession = liveSession(encodedRefreshToken);
        SharedAccount shared = SharedAccount.of(session, realm, userSession.getUser())
                .orElseThrow(() -> refused(Errors.NOT_ALLOWED, "Not a shared account"));
        event.user(shared.user()).session(userSession);

        StaffPinCheck check = new StaffPinCheck(session, realm, shared, settings(realm, client), event);
        StaffPinCheck.Outcome outcome = check.enter(pin, sessionAttempts(userSession), userSession::setNote);
        // PIN refusals are answered, not thrown: a thrown error rolls the request's transaction back, and the
        // session's wrong-PIN count (or its end) must stay.
        if (outcome instanceof StaffPinCheck.Locked locked) {
            return pinRefused("The staff PIN is locked for this account until " + Instant.ofEpochMilli(locked.until()));
        }
        if (outcome instanceof StaffPinCheck.Refused refused) {
            if (refused.exhausted()) {
                check.endSession(userSession);
                return pinRefused("Too many wrong PINs: the session ended, sign in again");
            }
            return pinRefused("This PIN was not accepted");
        }
        // The acting person is in the session now: Keycloak's own refresh issues the tokens (and sends the event).
        return new RefreshTokenGrantType().process(context);
    }

    /** R-POS-3: this client's refresh token, of a live user session that still has this client. */
    private UserSessionModel liveSession(String encodedRefreshToken) {
        RefreshToken refreshToken;
        try {
            refreshToken = tokenManager.verifyRefreshToken(session, realm, client, request, encodedRefreshToken, true);
        } catch (OAuthErrorException e) {
            throw refused(Errors.INVALID_TOKEN, e.getDescription());
        }
        if (!TokenUtil.TOKEN_TYPE_REFRESH.equals(refreshToken.getType())) {
            throw refused(Errors.INVALID_TOKEN, "Only an online session's refresh token");
        }
        UserSessionModel userSession = session.sessions().getUserSession(realm, refreshToken.getSessionId());
        if (userSession == null || !AuthenticationManager.isSessionValid(realm, userSession)
                || !userSession.getUser().getId().equals(refreshToken.getSubject())
                || userSession.getAuthenticatedClientSessionByClient(client.getId()) == null) {
            throw refused(Errors.SESSION_EXPIRED, "Session not active");
        }
        return userSession;
    }

    private Response pinRefused(String description) {
        return new CorsErrorResponseException(cors, OAuthErrorException.INVALID_GRANT, description, Response.Status.BAD_REQUEST).getResponse();
    }

    private CorsErrorResponseException refused(String error, String description) {
        event.detail(Details.REASON, description);
        event.error(error);
        return new CorsErrorResponseException(cors, OAuthErrorException.INVALID_GRANT, description, Response.Status.BAD_REQUEST);
    }

    static boolean isAllowed(ClientModel client) {
        return Stream.of(true, false).anyMatch(defaultScope -> client.getClientScopes(defaultScope).containsKey(ALLOWED_CLIENT_SCOPE));
    }

    /** Wrong PINs of this session, in a user-session note. */
    private static StaffPinCheck.AttemptCounter sessionAttempts(UserSessionModel userSession) {
        return StaffPinCheck.AttemptCounter.inNote(FAILURES_NOTE, userSession::getNote, userSession::setNote, userSession::removeNote);
    }

    /** The Staff PIN step's settings in the browser flow the client logs in with, so the grant counts as the page does. */
    static PinStepSettings settings(RealmModel realm, ClientModel client) {
        String override = client.getAuthenticationFlowBindingOverride("browser");
        AuthenticationFlowModel flow = override == null ? realm.getBrowserFlow() : realm.getAuthenticationFlowById(override);
        return flow == null ? PinStepSettings.DEFAULTS
                : stepConfig(realm, flow.getId()).map(c -> PinStepSettings.from(c.getConfig())).orElse(PinStepSettings.DEFAULTS);
    }

    private static Optional<AuthenticatorConfigModel> stepConfig(RealmModel realm, String flowId) {
        return realm.getAuthenticationExecutionsStream(flowId)
                .flatMap(execution -> execution(realm, execution))
                .findFirst();
    }

    private static Stream<AuthenticatorConfigModel> execution(RealmModel realm, AuthenticationExecutionModel execution) {
        if (execution.isAuthenticatorFlow()) {
            return stepConfig(realm, execution.getFlowId()).stream();
        }
        if (StaffPinAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator()) && execution.getAuthenticatorConfig() != null) {
            return Stream.ofNullable(realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig()));
        }
        return Stream.empty();
    }

    @Override
    public EventType getEventType() {
        return EventType.REFRESH_TOKEN;
    }

    @Override
    public Set<String> getTokenParameterNames() {
        return Set.of();
    }
}
