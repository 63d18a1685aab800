package io.backoffice.keycloak.mapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keycloak.Config;
import org.keycloak.common.Profile;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.protocol.mappers.oidc.OrganizationScope;
import org.keycloak.organization.utils.Organizations;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.EnvironmentDependentProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

import io.backoffice.keycloak.core.model.ActingPerson;
import io.backoffice.keycloak.core.model.ActingPersonLapse;

/**
 * "Back-office administrator" token mapper (R-CLAIM-1..3): for the organization in context, the
 * administrator's organization, owner flag, status, permission groups and flattened permissions; for a
 * shared account, {@code shared_account} and the acting person as RFC 8693 {@code act}.
 * Modelled on Keycloak's {@code OrganizationGroupMembershipMapper}; reads through {@link AdministratorClaims}.
 */
public class AdministratorClaimsMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper, EnvironmentDependentProviderFactory {

    public static final String PROVIDER_ID = ActingPersonLapse.MAPPER_PROVIDER_ID;
    public static final String DEFAULT_CLAIM_NAME = "backoffice";
    /** Top-level claims, named by R-CLAIM-3 and RFC 8693, whatever the configured claim name. */
    public static final String SHARED_ACCOUNT_CLAIM = "shared_account";
    public static final String ACT_CLAIM = "act";
    /** Key of the map by alias when several organizations are emitted (R-CLAIM-2). */
    public static final String ORGANIZATIONS_KEY = "organizations";

    private static final String INVALID_CONFIG_MESSAGE_KEY = "backofficeAdministratorMapperInvalidConfig";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = configProperties();

    private static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(properties);
        properties.get(0).setDefaultValue(DEFAULT_CLAIM_NAME);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, AdministratorClaimsMapper.class);

        ProviderConfigProperty several = new ProviderConfigProperty();
        several.setName(MapperSettings.SEVERAL_ORGANIZATIONS);
        several.setLabel("Several organizations");
        several.setType(ProviderConfigProperty.LIST_TYPE);
        several.setOptions(List.of(MapperSettings.SeveralOrganizations.map.name(), MapperSettings.SeveralOrganizations.none.name()));
        several.setDefaultValue(MapperSettings.SeveralOrganizations.map.name());
        several.setHelpText("For a user who administers several organizations when the client asked for none "
                + "(no 'organization' scope): 'map' emits {\"organizations\": {<alias>: ...}} with at most "
                + "'Max organizations' entries, and nothing beyond that; 'none' emits nothing. One organization, "
                + "asked for or the user's only one, is always emitted.");
        properties.add(several);

        ProviderConfigProperty max = new ProviderConfigProperty();
        max.setName(MapperSettings.MAX_ORGANIZATIONS);
        max.setLabel("Max organizations");
        max.setType(ProviderConfigProperty.INTEGER_TYPE);
        max.setDefaultValue(String.valueOf(MapperSettings.DEFAULT_MAX_ORGANIZATIONS));
        max.setHelpText("Largest number of organizations in one token (1 to " + MapperSettings.MAX_ORGANIZATIONS_LIMIT
                + "). A user with more gets no claim unless the client asks for one organization; this bounds the token size.");
        properties.add(max);

        ProviderConfigProperty idle = new ProviderConfigProperty();
        idle.setName(MapperSettings.ACTING_PERSON_IDLE_MINUTES);
        idle.setLabel("Acting person idle minutes");
        idle.setType(ProviderConfigProperty.INTEGER_TYPE);
        idle.setDefaultValue(String.valueOf(MapperSettings.DEFAULT_ACTING_PERSON_IDLE_MINUTES));
        idle.setHelpText("Shared accounts: minutes after the last staff PIN entry during which tokens (refresh included) "
                + "still carry the acting person ('act'). After that 'act' is left out and the app must ask for the PIN again.");
        properties.add(idle);
        return List.copyOf(properties);
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Back-office administrator";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds the back-office administrator of the organization in context: organization, owner flag, status, "
                + "permission groups and flattened permissions; for a shared account after the staff PIN, "
                + "'shared_account' and the acting person ('act').";
    }

    /** After Keycloak's organization membership mapper (priority 0), which may set the organization in context. */
    @Override
    public int getPriority() {
        return 10;
    }

    @Override
    public boolean isSupported(Config.Scope config) {
        return Profile.isFeatureEnabled(Profile.Feature.ORGANIZATION);
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
                               ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        try {
            MapperSettings.of(Optional.ofNullable(mapperModel.getConfig()).orElseGet(Map::of));
        } catch (IllegalArgumentException e) {
            // Keycloak looks the key up in the console's messages and falls back to the message (no quotes:
            // it is formatted with MessageFormat).
            throw new ProtocolMapperConfigException(e.getMessage(), INVALID_CONFIG_MESSAGE_KEY);
        }
    }

    /** The configuration with every option's default filled in, so a mapper created without config works. */
    @Override
    public ProtocolMapperModel getEffectiveModel(KeycloakSession session, RealmModel realm, ProtocolMapperModel model) {
        ProtocolMapperModel copy = super.getEffectiveModel(session, realm, model);
        Map<String, String> config = copy.getConfig() == null ? new HashMap<>() : copy.getConfig();
        for (ProviderConfigProperty property : CONFIG_PROPERTIES) {
            if (property.getDefaultValue() != null) {
                config.putIfAbsent(property.getName(), property.getDefaultValue().toString());
            }
        }
        copy.setConfig(config);
        return copy;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel model, UserSessionModel userSession, KeycloakSession session,
                            ClientSessionContext clientSessionCtx) {
        if (!Organizations.isEnabled(session)) {
            return;
        }
        RealmModel realm = userSession.getRealm();
        UserModel user = userSession.getUser();
        ProtocolMapperModel effective = getEffectiveModel(session, realm, model);
        MapperSettings settings = MapperSettings.of(effective.getConfig());
        AdministratorClaims claims = AdministratorClaims.forRequest(session, realm, user);

        List<OrganizationModel> asked = organizationsInContext(session, user, clientSessionCtx);
        List<AdministratorStanding> standings = asked.isEmpty()
                ? claims.administered(settings.enough())
                : asked.stream().map(claims::standing).flatMap(Optional::stream).toList();
        standings = settings.bounded(standings);

        if (standings.size() == 1) {
            AdministratorStanding standing = standings.get(0);
            Optional<ActingPerson> acting = actingPerson(claims, standing, userSession, settings);
            OIDCAttributeMapperHelper.mapClaim(token, effective, standing.toClaim(!standing.sharedAccount() || acting.isPresent()));
            if (standing.sharedAccount()) {
                token.getOtherClaims().put(SHARED_ACCOUNT_CLAIM, true);
                acting.ifPresent(person -> token.getOtherClaims().put(ACT_CLAIM, person.toClaim()));
            }
        } else if (!standings.isEmpty()) {
            Map<String, Object> byAlias = new LinkedHashMap<>();
            standings.forEach(s -> byAlias.put(s.organization().getAlias(),
                    s.toClaim(!s.sharedAccount() || actingPerson(claims, s, userSession, settings).isPresent())));
            OIDCAttributeMapperHelper.mapClaim(token, effective, Map.of(ORGANIZATIONS_KEY, byAlias));
        }
    }

    /** R-CLAIM-3, R-AUTHZ-6: who is acting on a shared account; a shared account's permissions exist only then. */
    private static Optional<ActingPerson> actingPerson(AdministratorClaims claims, AdministratorStanding standing,
                                                       UserSessionModel userSession, MapperSettings settings) {
        return standing.sharedAccount()
                ? claims.actingPerson(standing, userSession, settings.actingPersonIdleSeconds())
                : Optional.empty();
    }

    /**
     * R-CLAIM-2: the organization(s) the client asked for, as Keycloak itself resolves them: the one set in
     * this request's context or chosen at login, else the {@code organization} / {@code organization:<alias>}
     * scope. Empty when none was asked for or none resolved (the generic scope for a member of several).
     */
    private static List<OrganizationModel> organizationsInContext(KeycloakSession session, UserModel user,
                                                                  ClientSessionContext clientSessionCtx) {
        OrganizationModel current = session.getContext().getOrganization();
        if (current != null) {
            return List.of(current);
        }
        String chosenId = clientSessionCtx.getClientSession().getNote(OrganizationModel.ORGANIZATION_ATTRIBUTE);
        if (chosenId != null) {
            OrganizationModel chosen = session.getProvider(OrganizationProvider.class).getById(chosenId);
            return chosen == null ? List.of() : List.of(chosen);
        }
        String scopes = clientSessionCtx.getScopeString(true);
        OrganizationScope scope = OrganizationScope.valueOfScope(session, scopes);
        return scope == null ? List.of() : scope.resolveOrganizations(user, scopes, session).toList();
    }
}
