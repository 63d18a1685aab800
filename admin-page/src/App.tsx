import { createContext, ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import {
  Alert, Button, FormSelect, FormSelectOption, Masthead, MastheadBrand, MastheadContent, MastheadMain, MastheadToggle,
  Nav, NavItem, NavList, Page, PageSection, PageSidebar, PageSidebarBody, PageToggleButton, SkipToContent, Spinner,
} from '@patternfly/react-core';
import BarsIcon from '@patternfly/react-icons/dist/esm/icons/bars-icon';
import { Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Api, ApiError, organizationApi } from './api';
import { switchLanguage } from './i18n';
import { abilities, Me, organizationsFromClaim, OrganizationChoice } from './logic';
import { isSupport, logout, Session } from './session';
import { Administrators } from './screens/Administrators';
import { AdministratorForm } from './screens/AdministratorForm';
import { PermissionGroups } from './screens/PermissionGroups';
import { PermissionGroupForm } from './screens/PermissionGroupForm';
import { Comparison } from './screens/Comparison';
import { Settings } from './screens/Settings';
import { Profile } from './screens/Profile';
import { Support } from './screens/Support';
import { IntegrationForm, Integrations } from './screens/Integrations';

export interface OrganizationScope {
  session: Session;
  organization: OrganizationChoice;
  api: Api;
  me: Me;
  can: ReturnType<typeof abilities>;
  reloadMe: () => void;
}

const ScopeContext = createContext<OrganizationScope | null>(null);

export function useScope(): OrganizationScope {
  return useContext(ScopeContext) as OrganizationScope;
}

export function App({ session }: { session: Session }) {
  const organizations = useMemo(() => organizationsFromClaim((session.keycloak.tokenParsed as Record<string, unknown>)?.backoffice), [session]);
  const support = isSupport(session);
  const home = organizations.length > 0 ? `/o/${organizations[0].id}/administrators` : support ? '/support' : '/none';
  return (
    <Routes>
      <Route path="/o/:organizationId/*" element={<OrganizationShell session={session} organizations={organizations} support={support} />} />
      <Route path="/support" element={<Shell session={session} organizations={organizations} support={support}><Support session={session} /></Shell>} />
      <Route path="/none" element={<Shell session={session} organizations={organizations} support={support}><NoOrganization /></Shell>} />
      <Route path="*" element={<Navigate to={home} replace />} />
    </Routes>
  );
}

function NoOrganization() {
  const { t } = useTranslation();
  return <PageSection><Alert variant="info" isInline title={t('noOrganization')} /></PageSection>;
}

interface ShellProps {
  session: Session;
  organizations: OrganizationChoice[];
  support: boolean;
  organizationId?: string;
  children: ReactNode;
  can?: ReturnType<typeof abilities>;
}

function Shell({ session, organizations, support, organizationId, children, can }: ShellProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    document.title = t('appTitle');
  }, [t]);
  const item = (path: string, label: string) => (
    <NavItem key={path} to={path.slice(1)} isActive={location.pathname.startsWith(path)}
      onClick={(event) => { event.preventDefault(); navigate(path); }}>
      {label}
    </NavItem>
  );
  const base = organizationId ? `/o/${organizationId}` : undefined;
  const nav = (
    <Nav aria-label={t('navigation')}>
      <NavList>
        {base && item(`${base}/administrators`, t('administrators'))}
        {base && item(`${base}/groups`, t('permissionGroups'))}
        {base && item(`${base}/comparison`, t('comparison'))}
        {base && can?.manageIntegrations && item(`${base}/integrations`, t('integrations'))}
        {base && can?.changeSettings && item(`${base}/settings`, t('settings'))}
        {base && item(`${base}/profile`, t('profile'))}
        {support && item('/support', t('support'))}
      </NavList>
    </Nav>
  );
  const header = (
    <Masthead>
      <MastheadToggle>
        <PageToggleButton variant="plain" aria-label={t('toggleNavigation')}>
          <BarsIcon />
        </PageToggleButton>
      </MastheadToggle>
      <MastheadMain>
        <MastheadBrand component="div"><span className="bo-brand">{t('appTitle')}</span></MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <div className="bo-header-tools">
          {organizations.length > 0 && (
            <FormSelect id="organization-switcher" aria-label={t('organization')} value={organizationId ?? ''}
              onChange={(_e, id) => navigate(`/o/${id}/administrators`)}>
              {!organizationId && <FormSelectOption value="" label={t('organization')} isPlaceholder />}
              {organizations.map((o) => <FormSelectOption key={o.id} value={o.id} label={o.name} />)}
            </FormSelect>
          )}
          <FormSelect id="language" aria-label={t('language')} value={i18n.language} onChange={(_e, lang) => switchLanguage(lang as 'en' | 'fr')}>
            <FormSelectOption value="en" label="English" />
            <FormSelectOption value="fr" label="Français" />
          </FormSelect>
          <Button variant="secondary" isInline onClick={() => logout(session)}>{t('signOut')}</Button>
        </div>
      </MastheadContent>
    </Masthead>
  );
  return (
    <Page header={header} isManagedSidebar mainContainerId="main"
      skipToContent={<SkipToContent href="#main">{t('skipToContent')}</SkipToContent>}
      sidebar={<PageSidebar><PageSidebarBody>{nav}</PageSidebarBody></PageSidebar>}>
      {children}
    </Page>
  );
}

function OrganizationShell({ session, organizations, support }: Omit<ShellProps, 'children'>) {
  const { organizationId = '' } = useParams();
  const { t } = useTranslation();
  const organization = organizations.find((o) => o.id === organizationId) ?? { id: organizationId, alias: organizationId, name: organizationId };
  const api = useMemo(() => organizationApi(session, organizationId), [session, organizationId]);
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<ApiError>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setMe(undefined);
    setError(undefined);
    api.get<Me>('/me').then(setMe, setError);
  }, [api, version]);
  const scope = useMemo<OrganizationScope | null>(() => me ? {
    session, organization, api, me, can: abilities(me), reloadMe: () => setVersion((v) => v + 1),
  } : null, [session, organization, api, me]);
  let body: ReactNode;
  if (error) body = <PageSection><Alert variant="danger" isInline title={error.message} /></PageSection>;
  else if (!scope) body = <PageSection><Spinner aria-label={t('loading')} /></PageSection>;
  else body = (
    <ScopeContext.Provider value={scope}>
      <Routes>
        <Route path="administrators" element={<Administrators />} />
        <Route path="administrators/new" element={<AdministratorForm />} />
        <Route path="administrators/:userId" element={<AdministratorForm />} />
        <Route path="groups" element={<PermissionGroups />} />
        <Route path="groups/new" element={<PermissionGroupForm />} />
        <Route path="groups/:groupId" element={<PermissionGroupForm />} />
        <Route path="comparison" element={<Comparison />} />
        <Route path="integrations" element={<Integrations />} />
        <Route path="integrations/new" element={<IntegrationForm />} />
        <Route path="integrations/:integrationId" element={<IntegrationForm />} />
        <Route path="settings" element={<Settings />} />
        <Route path="profile" element={<Profile />} />
        <Route path="*" element={<Navigate to="administrators" replace />} />
      </Routes>
    </ScopeContext.Provider>
  );
  return (
    <Shell session={session} organizations={organizations} support={support} organizationId={organizationId} can={scope?.can}>
      {body}
    </Shell>
  );
}
