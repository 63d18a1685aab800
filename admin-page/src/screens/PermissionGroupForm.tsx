import { FormEvent, useState } from 'react';
import { ActionGroup, Alert, Button, Checkbox, Form, FormGroup, TextInput, Title } from '@patternfly/react-core';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useScope } from '../App';
import { allGranted, Catalogue, isGranted, sectionState, toggleAll, togglePermission, toggleSection } from '../logic';
import { PermissionGroup } from './Administrators';
import { FieldError, Loading, Screen, useLoad, useRefusal } from './common';

/** R-UI-2: a group's catalogue as sections toggled whole or one by one, and "toggle all". */
export function PermissionGroupForm() {
  const { groupId } = useParams();
  const { api } = useScope();
  const catalogue = useLoad(() => api.get<Catalogue>('/catalogue'), [api]);
  const group = useLoad(() => groupId ? api.get<PermissionGroup>(`/permission-groups/${groupId}`) : Promise.resolve(undefined), [api, groupId]);
  if (!catalogue.value || (groupId && !group.value)) return <Screen title="…"><Loading error={catalogue.error ?? group.error} /></Screen>;
  return <GroupEditor key={groupId ?? 'new'} catalogue={catalogue.value} existing={group.value} />;
}

function GroupEditor({ catalogue, existing }: { catalogue: Catalogue; existing?: PermissionGroup }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { api, can } = useScope();
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [grants, setGrants] = useState<string[]>(existing?.grants ?? []);
  const [busy, setBusy] = useState(false);
  const refusal = useRefusal(['name', 'description', 'permissions']);
  const readOnly = !can.managePermissionGroups;
  const sectioned = new Set(catalogue.sections.flatMap((s) => s.permissions));
  const loose = catalogue.permissions.filter((p) => !sectioned.has(p.name));
  const describe = (name: string) => catalogue.permissions.find((p) => p.name === name)?.description ?? name;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    refusal.setRefusal(undefined);
    try {
      const body = { name, description: description || undefined, permissions: grants };
      if (existing) await api.send('PUT', `/permission-groups/${existing.id}`, body);
      else await api.send('POST', '/permission-groups', body);
      navigate('..', { relative: 'path' });
    } catch (e) {
      refusal.catch(e);
    } finally {
      setBusy(false);
    }
  };

  const permissionBox = (permission: string, idPrefix: string) => (
    <Checkbox key={`${idPrefix}-${permission}`} id={`permission-${idPrefix}-${permission}`} data-permission={permission}
      label={describe(permission)} description={permission} isDisabled={readOnly}
      isChecked={isGranted(catalogue, grants, permission)}
      onChange={(_e, on) => setGrants(togglePermission(catalogue, grants, permission, on))} />
  );

  return (
    <Screen title={existing ? t('editGroup') : t('createGroup')}>
      {refusal.general && <Alert id="form-error" variant="danger" isInline title={refusal.general} style={{ marginBottom: '1rem' }} />}
      {readOnly && <Alert variant="info" isInline title={t('readOnlyGroups')} style={{ marginBottom: '1rem' }} />}
      <Form onSubmit={submit} id="group-form" maxWidth="48rem">
        <FormGroup label={t('name')} isRequired fieldId="group-name">
          <TextInput id="group-name" value={name} onChange={(_e, v) => setName(v)} isRequired readOnlyVariant={readOnly ? 'default' : undefined}
            validated={refusal.at('name') ? 'error' : 'default'} aria-describedby="name-error" />
          <FieldError id="name-error" message={refusal.at('name')} />
        </FormGroup>
        <FormGroup label={t('description')} fieldId="group-description">
          <TextInput id="group-description" value={description} onChange={(_e, v) => setDescription(v)} readOnlyVariant={readOnly ? 'default' : undefined}
            validated={refusal.at('description') ? 'error' : 'default'} aria-describedby="description-error" />
          <FieldError id="description-error" message={refusal.at('description')} />
        </FormGroup>
        <FormGroup role="group" label={t('permissions')} fieldId="toggle-all" isStack>
          <Checkbox id="toggle-all" label={t('toggleAll')} isDisabled={readOnly} isChecked={allGranted(catalogue, grants) ? true : grants.length ? null : false}
            onChange={(_e, on) => setGrants(toggleAll(catalogue, on))} />
          {catalogue.sections.map((section) => {
            const state = sectionState(catalogue, grants, section.name);
            return (
              <div key={section.name} className="bo-section" role="group" aria-labelledby={`section-${section.name}-title`}>
                <Title headingLevel="h2" size="md" id={`section-${section.name}-title`}>{section.label}</Title>
                <Checkbox id={`section-${section.name}`} data-section={section.name} label={t('sectionWhole')} isDisabled={readOnly}
                  isChecked={state === 'whole' ? true : state === 'some' ? null : false} description={section.description}
                  onChange={(_e, on) => setGrants(toggleSection(catalogue, grants, section.name, on))} />
                <div className="bo-permissions">{section.permissions.map((p) => permissionBox(p, section.name))}</div>
              </div>
            );
          })}
          {loose.length > 0 && <div className="bo-section">{loose.map((p) => permissionBox(p.name, 'loose'))}</div>}
          <FieldError id="permissions-error" message={refusal.at('permissions')} />
        </FormGroup>
        <ActionGroup>
          {!readOnly && <Button type="submit" id="save" isDisabled={busy} isLoading={busy}>{t('save')}</Button>}
          <Button variant="link" onClick={() => navigate('..', { relative: 'path' })}>{t('cancel')}</Button>
        </ActionGroup>
      </Form>
    </Screen>
  );
}
