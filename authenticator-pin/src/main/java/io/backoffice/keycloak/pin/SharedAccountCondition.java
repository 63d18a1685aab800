package io.backoffice.keycloak.pin;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** "User is a shared account" (R-STEP-1): true when the user's administrator record says SHARED. */
public class SharedAccountCondition implements ConditionalAuthenticator {

    static final SharedAccountCondition SINGLETON = new SharedAccountCondition();

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (user == null) {
            throw new AuthenticationFlowException("No user to check for a shared account; place the condition after the password step.",
                    AuthenticationFlowError.UNKNOWN_USER);
        }
        boolean shared = SharedAccount.of(context.getSession(), context.getRealm(), user).isPresent();
        boolean negate = context.getAuthenticatorConfig() != null
                && Boolean.parseBoolean(context.getAuthenticatorConfig().getConfig().get(SharedAccountConditionFactory.NEGATE));
        return negate != shared;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // a condition has no form
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to set up
    }

    @Override
    public void close() {
    }
}
