package io.backoffice.keycloak.pin;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Registers "Staff PIN" and its console settings (R-STEP-6). */
public class StaffPinAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "backoffice-staff-pin";

    private static final StaffPinAuthenticator SINGLETON = new StaffPinAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
    };

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Staff PIN";
    }

    @Override
    public String getReferenceCategory() {
        return "staff-pin";
    }

    @Override
    public String getHelpText() {
        return "Asks a shared account for the personal PIN of the staff member who is acting, and records that person in the session.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(PinStepSettings.ATTEMPTS_PER_LOGIN).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Attempts per login").defaultValue(PinStepSettings.DEFAULT_ATTEMPTS_PER_LOGIN)
                .helpText("Wrong PINs allowed in one login before it starts over at the password.").add()
                .property().name(PinStepSettings.FAILURES_PER_WINDOW).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Failures per window").defaultValue(PinStepSettings.DEFAULT_FAILURES_PER_WINDOW)
                .helpText("Wrong PINs on one shared account, across all logins and nodes, that lock its PIN step.").add()
                .property().name(PinStepSettings.WINDOW_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Window (seconds)").defaultValue(PinStepSettings.DEFAULT_WINDOW_SECONDS)
                .helpText("How long wrong PINs are counted toward the lock.").add()
                .property().name(PinStepSettings.LOCK_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Lock time (seconds)").defaultValue(PinStepSettings.DEFAULT_LOCK_SECONDS)
                .helpText("How long the PIN step stays locked; it then unlocks by itself.").add()
                .build();
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
