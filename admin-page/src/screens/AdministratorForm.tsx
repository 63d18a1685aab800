import { FormEvent, useEffect, useState } from 'react';
import {
  ActionGroup, Alert, Button, Checkbox, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText,
  HelperTextItem, TextInput,
} from '@patternfly/react-core';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useScope } from '../App';
import { editableFields } from '../logic';
import { Administrator, fullName, PermissionGroup } from './Administrators';
import { FieldError, Loading, PinDialog, Screen, useLoad, useRefusal } from './common';

const FIELDS = ['email', 'firstName', 'lastName', 'status', 'pinMode', 'permissionGroups'];

/** R-UI-2: add an administrator, or edit one (username read-only with the reason; the owner: names and PIN only). */
export function AdministratorForm() {
  const { userId } = useParams();
  const { api, me } = useScope();
  const record = useLoad(() => userId ? api.get<Administrator>(`/administrators/${userId}`) : Promise.resolve(undefined), [api, userId]);
  const groups = useLoad(() => api.get<PermissionGroup[]>('/permission-groups'), [api]);
  if (userId && !record.value) return <Screen title="…"><Loading error={record.error} /></Screen>;
  if (!groups.value) return <Screen title="…"><Loading error={groups.error} /></Screen>;
  return <AdministratorEditor key={userId ?? 'new'} existing={record.value} groups={groups.value} me={me}
    onPinRegenerated={(a) => record.setValue(a)} api={api} />;
}

interface EditorProps {
  existing?: Administrator;
  groups: PermissionGroup[];
  me: ReturnType<typeof useScope>['me'];
  api: ReturnType<typeof useScope>['api'];
  onPinRegenerated: (a: Administrator) => void;
}

function AdministratorEditor({ existing, groups, me, api, onPinRegenerated }: EditorProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [email, setEmail] = useState(existing?.email ?? existing?.username ?? '');
  const [firstName, setFirstName] = useState(existing?.firstName ?? '');
  const [lastName, setLastName] = useState(existing?.lastName ?? '');
  const [status, setStatus] = useState(existing?.status ?? 'ACTIVE');
  const [pinMode, setPinMode] = useState(existing?.pinMode ?? 'NONE');
  const [chosen, setChosen] = useState<string[]>(existing?.permissionGroups ?? []);
  const [shownPin, setShownPin] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const refusal = useRefusal(FIELDS);
  const editable = existing ? editableFields(existing, me) : FIELDS;
  const afterPin = existing ? () => setShownPin(undefined) : () => navigate('..', { relative: 'path' });
  useEffect(() => setNotice(undefined), [email, firstName, lastName, status, pinMode, chosen]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    refusal.setRefusal(undefined);
    try {
      const body: Record<string, unknown> = existing
        ? Object.fromEntries(Object.entries({ firstName, lastName, status, pinMode, permissionGroups: chosen }).filter(([k]) => editable.includes(k)))
        : { email, firstName, lastName, status, pinMode, permissionGroups: chosen };
      const saved = existing
        ? await api.send<Administrator>('PUT', `/administrators/${existing.userId}`, body)
        : await api.send<Administrator>('POST', '/administrators', body);
      if (saved.pin) setShownPin(saved.pin);
      if (existing) {
        if (!saved.pin) setNotice(t('saved'));
        onPinRegenerated({ ...saved, pin: undefined });
      } else {
        // 202: a mail went out; the person is listed once they have used it (R-ADMIN-1, R-ADMIN-8).
        setNotice(t('confirmationSent', { email }));
      }
    } catch (e) {
      refusal.catch(e);
    } finally {
      setBusy(false);
    }
  };

  const regenerate = async () => {
    refusal.setRefusal(undefined);
    try {
      const answer = await api.send<Administrator>('POST', `/administrators/${existing!.userId}/regenerate-pin`);
      setShownPin(answer.pin);
    } catch (e) {
      refusal.catch(e);
    }
  };

  const groupsDisabled = !editable.includes('permissionGroups');
  return (
    <Screen title={existing ? t('editAdministrator') : t('addAdministrator')}>
      {refusal.general && <Alert id="form-error" variant="danger" isInline title={refusal.general} style={{ marginBottom: '1rem' }} />}
      {notice && <Alert id="form-notice" variant="success" isInline title={notice} style={{ marginBottom: '1rem' }} />}
      {existing?.owner && <Alert variant="info" isInline title={t('ownerEditsOnly')} style={{ marginBottom: '1rem' }} />}
      {existing && !existing.owner && existing.userId === me.userId && <Alert variant="info" isInline title={t('selfEditsOnly')} style={{ marginBottom: '1rem' }} />}
      <Form onSubmit={submit} id="administrator-form" maxWidth="40rem">
        <FormGroup label={existing ? t('username') : t('email')} isRequired={!existing} fieldId="email">
          <TextInput id="email" type="email" value={email} onChange={(_e, v) => setEmail(v)} isRequired={!existing}
            readOnlyVariant={existing ? 'default' : undefined} aria-describedby={existing ? 'email-reason' : 'email-error'}
            validated={refusal.at('email') ? 'error' : 'default'} />
          {existing && (
            <FormHelperText><HelperText id="email-reason"><HelperTextItem>{t('usernameReadOnly')}</HelperTextItem></HelperText></FormHelperText>
          )}
          <FieldError id="email-error" message={refusal.at('email')} />
        </FormGroup>
        <FormGroup label={t('firstName')} isRequired fieldId="firstName">
          <TextInput id="firstName" value={firstName} onChange={(_e, v) => setFirstName(v)} isRequired
            validated={refusal.at('firstName') ? 'error' : 'default'} aria-describedby="firstName-error" />
          <FieldError id="firstName-error" message={refusal.at('firstName')} />
        </FormGroup>
        <FormGroup label={t('lastName')} isRequired fieldId="lastName">
          <TextInput id="lastName" value={lastName} onChange={(_e, v) => setLastName(v)} isRequired
            validated={refusal.at('lastName') ? 'error' : 'default'} aria-describedby="lastName-error" />
          <FieldError id="lastName-error" message={refusal.at('lastName')} />
        </FormGroup>
        {editable.includes('status') && (
          <FormGroup label={t('status')} fieldId="status">
            <FormSelect id="status" value={status} onChange={(_e, v) => setStatus(v as Administrator['status'])}>
              <FormSelectOption value="ACTIVE" label={t('ACTIVE')} />
              <FormSelectOption value="INACTIVE" label={t('INACTIVE')} />
            </FormSelect>
            <FieldError id="status-error" message={refusal.at('status')} />
          </FormGroup>
        )}
        <FormGroup label={t('pinMode')} fieldId="pinMode">
          <FormSelect id="pinMode" value={pinMode} onChange={(_e, v) => setPinMode(v as Administrator['pinMode'])}>
            <FormSelectOption value="NONE" label={t('pinMode_NONE')} />
            <FormSelectOption value="PIN" label={t('pinMode_PIN')} />
            <FormSelectOption value="SHARED" label={t('pinMode_SHARED')} />
          </FormSelect>
          <FieldError id="pinMode-error" message={refusal.at('pinMode')} />
        </FormGroup>
        {!existing?.owner && (
          <FormGroup role="group" label={t('permissionGroups')} isRequired fieldId="permissionGroups" isStack>
            {groups.map((g) => (
              <Checkbox key={g.id} id={`group-${g.id}`} name="permissionGroups" label={g.name} description={g.description}
                isChecked={chosen.includes(g.name)} isDisabled={groupsDisabled}
                onChange={(_e, on) => setChosen(on ? [...chosen, g.name] : chosen.filter((n) => n !== g.name))} />
            ))}
            <FieldError id="permissionGroups-error" message={refusal.at('permissionGroups')} />
          </FormGroup>
        )}
        <ActionGroup>
          <Button type="submit" id="save" isDisabled={busy} isLoading={busy}>{t('save')}</Button>
          {existing?.pinMode === 'PIN' && <Button variant="secondary" id="regenerate-pin" onClick={regenerate}>{t('regeneratePin')}</Button>}
          <Button variant="link" onClick={() => navigate(existing ? '..' : '..', { relative: 'path' })}>{t('cancel')}</Button>
        </ActionGroup>
      </Form>
      <PinDialog pin={shownPin} holder={existing ? fullName(existing) : `${firstName} ${lastName}`} onClose={afterPin} />
    </Screen>
  );
}
