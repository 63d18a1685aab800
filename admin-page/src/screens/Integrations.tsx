import { FormEvent, useState } from 'react';
import {
  ActionGroup, Alert, Button, Checkbox, Form, FormGroup, FormSelect, FormSelectOption, Label, TextInput,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useScope } from '../App';
import { integrationChanges } from '../logic';
import { PermissionGroup } from './Administrators';
import { FieldError, Loading, Screen, ShownOnceDialog, useLoad, useRefusal } from './common';

/** An organization's integration (API user, R-API-1); `clientSecret` only in the answer that issued it (R-API-2). */
export interface Integration {
  id: string;
  clientId: string;
  name: string;
  description?: string | null;
  status: 'ACTIVE' | 'INACTIVE';
  permissionGroups: string[];
  permissions: string[];
  clientSecret?: string;
}

const FIELDS = ['name', 'description', 'status', 'permissionGroups'];

/** R-API-1: the organization's integrations, apart from its people. */
export function Integrations() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { api } = useScope();
  const list = useLoad(() => api.get<Integration[]>('/integrations?max=200'), [api]);
  return (
    <Screen title={t('integrations')}
      actions={<Button id="add-integration" onClick={() => navigate('new')}>{t('addIntegration')}</Button>}>
      <p style={{ marginBottom: '1rem' }}>{t('integrationsHelp')}</p>
      {!list.value ? <Loading error={list.error} /> : (
        <div className="bo-wrap">
          <Table aria-label={t('integrations')} variant="compact" id="integrations">
            <Thead>
              <Tr>
                <Th>{t('name')}</Th>
                <Th>{t('clientId')}</Th>
                <Th>{t('status')}</Th>
                <Th modifier="wrap">{t('permissionGroups')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {list.value.length === 0 && <Tr><Td colSpan={4}>{t('nothingFound')}</Td></Tr>}
              {list.value.map((i) => (
                <Tr key={i.id} data-integration={i.name}>
                  <Td dataLabel={t('name')}><Link to={i.id}>{i.name}</Link></Td>
                  <Td dataLabel={t('clientId')}><code>{i.clientId}</code></Td>
                  <Td dataLabel={t('status')}><Label color={i.status === 'ACTIVE' ? 'green' : 'grey'} isCompact>{t(i.status)}</Label></Td>
                  <Td dataLabel={t('permissionGroups')}>{i.permissionGroups.join(', ')}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </div>
      )}
    </Screen>
  );
}

/** R-API-1, R-API-2: create an integration (its secret shown once), or edit one: groups, deactivate, reactivate, rotate. */
export function IntegrationForm() {
  const { integrationId } = useParams();
  const { api } = useScope();
  const loaded = useLoad(() => integrationId ? api.get<Integration>(`/integrations/${integrationId}`) : Promise.resolve(undefined), [api, integrationId]);
  const groups = useLoad(() => api.get<PermissionGroup[]>('/permission-groups'), [api]);
  if (integrationId && !loaded.value) return <Screen title="…"><Loading error={loaded.error} /></Screen>;
  if (!groups.value) return <Screen title="…"><Loading error={groups.error} /></Screen>;
  return <IntegrationEditor key={integrationId ?? 'new'} existing={loaded.value} groups={groups.value} onSaved={loaded.setValue} />;
}

interface EditorProps {
  existing?: Integration;
  groups: PermissionGroup[];
  onSaved: (integration: Integration) => void;
}

function IntegrationEditor({ existing, groups, onSaved }: EditorProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { api } = useScope();
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [status, setStatus] = useState(existing?.status ?? 'ACTIVE');
  const [chosen, setChosen] = useState<string[]>(existing?.permissionGroups ?? []);
  const [secret, setSecret] = useState<Integration>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const refusal = useRefusal(FIELDS);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setNotice(undefined);
    refusal.setRefusal(undefined);
    try {
      await action();
    } catch (e) {
      refusal.catch(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const edited = { name, description, status, permissionGroups: chosen };
      if (!existing) {
        setSecret(await api.send<Integration>('POST', '/integrations', { name, description: description || undefined, permissionGroups: chosen }));
        return;
      }
      const saved = await api.send<Integration>('PUT', `/integrations/${existing.id}`, integrationChanges(existing, edited));
      onSaved(saved);
      setNotice(t('saved'));
    });
  };

  const rotate = () => run(async () => setSecret(await api.send<Integration>('POST', `/integrations/${existing!.id}/rotate-secret`)));

  const afterSecret = () => {
    const shown = secret;
    setSecret(undefined);
    if (!existing && shown) navigate(`../${shown.id}`, { relative: 'path' });
  };

  return (
    <Screen title={existing ? t('editIntegration') : t('addIntegration')}>
      {refusal.general && <Alert id="form-error" variant="danger" isInline title={refusal.general} style={{ marginBottom: '1rem' }} />}
      {notice && <Alert id="form-notice" variant="success" isInline title={notice} style={{ marginBottom: '1rem' }} />}
      <Form onSubmit={submit} id="integration-form" maxWidth="40rem">
        {existing && (
          <FormGroup label={t('clientId')} fieldId="clientId">
            <TextInput id="clientId" value={existing.clientId} readOnlyVariant="default" />
          </FormGroup>
        )}
        <FormGroup label={t('name')} isRequired fieldId="name">
          <TextInput id="name" value={name} onChange={(_e, v) => setName(v)} isRequired
            validated={refusal.at('name') ? 'error' : 'default'} aria-describedby="name-error" />
          <FieldError id="name-error" message={refusal.at('name')} />
        </FormGroup>
        <FormGroup label={t('description')} fieldId="description">
          <TextInput id="description" value={description} onChange={(_e, v) => setDescription(v)}
            validated={refusal.at('description') ? 'error' : 'default'} aria-describedby="description-error" />
          <FieldError id="description-error" message={refusal.at('description')} />
        </FormGroup>
        {existing && (
          <FormGroup label={t('status')} fieldId="status">
            <FormSelect id="status" value={status} onChange={(_e, v) => setStatus(v as Integration['status'])}>
              <FormSelectOption value="ACTIVE" label={t('ACTIVE')} />
              <FormSelectOption value="INACTIVE" label={t('INACTIVE')} />
            </FormSelect>
            <FieldError id="status-error" message={refusal.at('status')} />
          </FormGroup>
        )}
        <FormGroup role="group" label={t('permissionGroups')} isRequired fieldId="permissionGroups" isStack>
          {groups.map((g) => (
            <Checkbox key={g.id} id={`group-${g.id}`} name="permissionGroups" label={g.name} description={g.description}
              isChecked={chosen.includes(g.name)}
              onChange={(_e, on) => setChosen(on ? [...chosen, g.name] : chosen.filter((n) => n !== g.name))} />
          ))}
          <FieldError id="permissionGroups-error" message={refusal.at('permissionGroups')} />
        </FormGroup>
        <ActionGroup>
          <Button type="submit" id="save" isDisabled={busy} isLoading={busy}>{existing ? t('save') : t('addIntegration')}</Button>
          {existing && <Button variant="secondary" id="rotate-secret" isDisabled={busy} onClick={rotate}>{t('rotateSecret')}</Button>}
          <Button variant="link" onClick={() => navigate('..', { relative: 'path' })}>{t('cancel')}</Button>
        </ActionGroup>
      </Form>
      <ShownOnceDialog value={secret?.clientSecret} title={t('secretTitle')} once={t('secretOnce', { clientId: secret?.clientId })}
        label={t('secretOf', { name: secret?.name })} outputId="shown-secret" closeId="secret-close" className="bo-secret" onClose={afterSecret} />
    </Screen>
  );
}
