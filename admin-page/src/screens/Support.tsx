import { FormEvent, useState } from 'react';
import {
  ActionGroup, Alert, Button, Checkbox, Form, FormGroup, FormSelect, FormSelectOption, Label, SearchInput, TextInput, Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { ApiError, query, supportApi } from '../api';
import { Session } from '../session';
import { Administrator, fullName } from './Administrators';
import { FieldError, Loading, Screen, useLoad, useRefusal } from './common';

interface OrganizationSummary {
  id: string;
  alias: string;
  name: string;
  enabled: boolean;
}

/** The transfer request's field naming the permission groups the former owner keeps (R-OWNER-4, required). */
export const FORMER_OWNER_GROUPS_FIELD = 'previousOwnerPermissionGroups';

/** R-CONSOLE-1: support mode for identity admins: the realm's organizations, owners, administrators, ownership. */
export function Support({ session }: { session: Session }) {
  const { t } = useTranslation();
  const api = supportApi(session);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<string>();
  const organizations = useLoad(() => api.get<OrganizationSummary[]>('/organizations' + query({ search, max: 50 })), [search]);
  return (
    <Screen title={t('supportTitle')}>
      <p style={{ marginBottom: '1rem' }}>{t('supportIntro')}</p>
      <SearchInput aria-label={t('searchOrganizations')} placeholder={t('searchOrganizations')} value={typed}
        onChange={(_e, v) => setTyped(v)} onSearch={(_e, v) => setSearch(v)} onClear={() => { setTyped(''); setSearch(''); }} />
      {!organizations.value ? <Loading error={organizations.error} /> : (
        <div className="bo-wrap">
          <Table aria-label={t('supportTitle')} variant="compact" id="organizations">
            <Thead><Tr><Th>{t('organization')}</Th><Th>{t('actions')}</Th></Tr></Thead>
            <Tbody>
              {organizations.value.map((o) => (
                <Tr key={o.id} data-organization={o.alias}>
                  <Td dataLabel={t('organization')}>{o.name} <small>({o.alias})</small></Td>
                  <Td dataLabel={t('actions')}>
                    <Button variant="secondary" size="sm" className="bo-show" aria-expanded={open === o.id}
                      onClick={() => setOpen(open === o.id ? undefined : o.id)}>{t('show')}</Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </div>
      )}
      {open && <OrganizationSupport key={open} session={session} organization={organizations.value!.find((o) => o.id === open)!} />}
    </Screen>
  );
}

function OrganizationSupport({ session, organization }: { session: Session; organization: OrganizationSummary }) {
  const { t } = useTranslation();
  const api = supportApi(session);
  const path = `/organizations/${organization.id}`;
  const administrators = useLoad(() => api.get<Administrator[]>(`${path}/administrators`), [organization.id]);
  // The owner from its own endpoint: the administrators list is paged, the owner may be past its first page.
  const ownerRead = useLoad(() => api.get<Administrator>(`${path}/owner`)
    .catch((e) => { if (e instanceof ApiError && e.status === 404) return undefined; throw e; }), [organization.id]);
  const owner = ownerRead.value;
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [newOwner, setNewOwner] = useState('');
  const [formerGroups, setFormerGroups] = useState('');
  const refusal = useRefusal(['email', 'firstName', 'lastName', 'userId', FORMER_OWNER_GROUPS_FIELD]);

  const bootstrap = async (event: FormEvent) => {
    event.preventDefault();
    refusal.setRefusal(undefined);
    try {
      await api.send('POST', `${path}/owner`, { email, firstName, lastName });
      administrators.reload();
      ownerRead.reload();
    } catch (e) {
      refusal.catch(e);
    }
  };
  const transfer = async (event: FormEvent) => {
    event.preventDefault();
    refusal.setRefusal(undefined);
    const groups = formerGroups.split(',').map((g) => g.trim()).filter(Boolean);
    try {
      await api.send('PUT', `${path}/owner`, { userId: newOwner, [FORMER_OWNER_GROUPS_FIELD]: groups });
      setNewOwner('');
      administrators.reload();
      ownerRead.reload();
    } catch (e) {
      refusal.catch(e);
    }
  };

  return (
    <section aria-labelledby="support-organization" style={{ marginTop: '1.5rem' }} id="organization-support">
      <Title headingLevel="h2" id="support-organization">{organization.name}</Title>
      {refusal.general && <Alert variant="danger" isInline title={refusal.general} style={{ margin: '1rem 0' }} />}
      {!administrators.value ? <Loading error={administrators.error} /> : (
        <>
          <p id="current-owner" style={{ margin: '1rem 0' }}>{t('owner')}: {owner ? `${fullName(owner)} (${owner.username})` : t('noOwner')}</p>
          <div className="bo-wrap">
            <Table aria-label={t('administrators')} variant="compact" id="support-administrators">
              <Thead><Tr><Th>{t('name')}</Th><Th>{t('status')}</Th><Th>{t('pinMode')}</Th><Th>{t('permissionGroupsOf')}</Th></Tr></Thead>
              <Tbody>
                {administrators.value.map((a) => (
                  <Tr key={a.userId} data-user-id={a.userId}>
                    <Td dataLabel={t('name')}>{fullName(a)} <small>{a.username}</small>{a.owner && <> <Label color="gold" isCompact>{t('owner')}</Label></>}</Td>
                    <Td dataLabel={t('status')}>{t(a.status)}</Td>
                    <Td dataLabel={t('pinMode')}>{t(`pinMode_${a.pinMode}`)}</Td>
                    <Td dataLabel={t('permissionGroupsOf')}>{a.permissionGroups.join(', ')}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </div>
          <SupportSettings session={session} path={path} />
          {!owner ? (
            <Form onSubmit={bootstrap} maxWidth="30rem" id="bootstrap-form" style={{ marginTop: '1rem' }}>
              <Title headingLevel="h3">{t('bootstrapOwner')}</Title>
              <FormGroup label={t('newOwnerEmail')} isRequired fieldId="owner-email">
                <TextInput id="owner-email" type="email" isRequired value={email} onChange={(_e, v) => setEmail(v)} aria-describedby="owner-email-error" />
                <FieldError id="owner-email-error" message={refusal.at('email')} />
              </FormGroup>
              <FormGroup label={t('firstName')} isRequired fieldId="owner-firstName">
                <TextInput id="owner-firstName" isRequired value={firstName} onChange={(_e, v) => setFirstName(v)} />
                <FieldError id="owner-firstName-error" message={refusal.at('firstName')} />
              </FormGroup>
              <FormGroup label={t('lastName')} isRequired fieldId="owner-lastName">
                <TextInput id="owner-lastName" isRequired value={lastName} onChange={(_e, v) => setLastName(v)} />
                <FieldError id="owner-lastName-error" message={refusal.at('lastName')} />
              </FormGroup>
              <ActionGroup><Button type="submit" id="bootstrap-owner">{t('bootstrapOwner')}</Button></ActionGroup>
            </Form>
          ) : (
            <Form onSubmit={transfer} maxWidth="30rem" id="transfer-form" style={{ marginTop: '1rem' }}>
              <Title headingLevel="h3">{t('transferOwnership')}</Title>
              <FormGroup label={t('newOwner')} isRequired fieldId="new-owner">
                <FormSelect id="new-owner" value={newOwner} onChange={(_e, v) => setNewOwner(v)} aria-describedby="new-owner-error">
                  <FormSelectOption value="" label="—" isPlaceholder />
                  {administrators.value.filter((a) => !a.owner && a.status === 'ACTIVE')
                    .map((a) => <FormSelectOption key={a.userId} value={a.userId} label={`${fullName(a)} (${a.username})`} />)}
                </FormSelect>
                <FieldError id="new-owner-error" message={refusal.at('userId')} />
              </FormGroup>
              <FormGroup label={t('oldOwnerGroups')} isRequired fieldId="former-owner-groups">
                <TextInput id="former-owner-groups" isRequired value={formerGroups} onChange={(_e, v) => setFormerGroups(v)} aria-describedby="former-owner-groups-error" />
                <FieldError id="former-owner-groups-error" message={refusal.at(FORMER_OWNER_GROUPS_FIELD)} />
              </FormGroup>
              <ActionGroup><Button type="submit" id="transfer-ownership" isDisabled={!newOwner}>{t('transferOwnership')}</Button></ActionGroup>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

interface SupportSettingsValue {
  sharedAccountsUnlocked: boolean;
  administratorSeats: number | null;
  activeAdministrators?: number;
  sharedAccounts?: number;
}

/** R-PIN-7, R-ADMIN-10: what the identity admin grants the organization: shared accounts, administrator seats. */
function SupportSettings({ session, path }: { session: Session; path: string }) {
  const { t } = useTranslation();
  const api = supportApi(session);
  const current = useLoad(() => api.get<SupportSettingsValue>(`${path}/support`), [path]);
  const [unlocked, setUnlocked] = useState<boolean>();
  const [seats, setSeats] = useState<string>();
  const [saved, setSaved] = useState(false);
  const refusal = useRefusal(['sharedAccountsUnlocked', 'administratorSeats']);
  if (!current.value) return <Loading error={current.error} />;
  const shownUnlocked = unlocked ?? current.value.sharedAccountsUnlocked;
  const shownSeats = seats ?? (current.value.administratorSeats === null ? '' : String(current.value.administratorSeats));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    refusal.setRefusal(undefined);
    setSaved(false);
    try {
      current.setValue(await api.send<SupportSettingsValue>('PUT', `${path}/support`,
        { sharedAccountsUnlocked: shownUnlocked, administratorSeats: shownSeats.trim() === '' ? null : Number(shownSeats) }));
      setUnlocked(undefined);
      setSeats(undefined);
      setSaved(true);
    } catch (e) {
      refusal.catch(e);
    }
  };
  return (
    <Form onSubmit={save} maxWidth="30rem" id="support-settings" style={{ marginTop: '1rem' }}>
      <Title headingLevel="h3">{t('supportSettings')}</Title>
      {refusal.general && <Alert id="support-settings-error" variant="danger" isInline title={refusal.general} />}
      {saved && <Alert id="support-settings-saved" variant="success" isInline title={t('saved')} />}
      <p id="seats-in-use">{t('seatsInUse', { active: current.value.activeAdministrators ?? '—', shared: current.value.sharedAccounts ?? '—' })}</p>
      <Checkbox id="shared-accounts-unlocked" label={t('sharedAccountsUnlocked')} isChecked={shownUnlocked} onChange={(_e, on) => setUnlocked(on)} />
      <FormGroup label={t('administratorSeats')} fieldId="administrator-seats">
        <TextInput id="administrator-seats" type="number" min={0} value={shownSeats} onChange={(_e, v) => setSeats(v)}
          aria-describedby="administratorSeats-error" validated={refusal.at('administratorSeats') ? 'error' : 'default'} />
        <FieldError id="administratorSeats-error" message={refusal.at('administratorSeats')} />
      </FormGroup>
      <ActionGroup><Button type="submit" id="save-support-settings" variant="secondary">{t('save')}</Button></ActionGroup>
    </Form>
  );
}
