import { FormEvent, useState } from 'react';
import { ActionGroup, Alert, Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useScope } from '../App';
import { Administrator, fullName } from './Administrators';
import { FieldError, PinDialog, Screen, useRefusal } from './common';

/** R-UI-2: one's own names and own PIN (R-AUTHZ-3: never one's own status or groups). */
export function Profile() {
  const { t } = useTranslation();
  const { api, me, reloadMe } = useScope();
  const [firstName, setFirstName] = useState(me.firstName ?? '');
  const [lastName, setLastName] = useState(me.lastName ?? '');
  const [saved, setSaved] = useState(false);
  const [pin, setPin] = useState<string>();
  const refusal = useRefusal(['firstName', 'lastName']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    refusal.setRefusal(undefined);
    setSaved(false);
    try {
      await api.send<Administrator>('PUT', `/administrators/${me.userId}`, { firstName, lastName });
      setSaved(true);
    } catch (e) {
      refusal.catch(e);
    }
  };
  const regenerate = async () => {
    refusal.setRefusal(undefined);
    try {
      setPin((await api.send<Administrator>('POST', `/administrators/${me.userId}/regenerate-pin`)).pin);
    } catch (e) {
      refusal.catch(e);
    }
  };
  return (
    <Screen title={t('profile')}>
      {refusal.general && <Alert variant="danger" isInline title={refusal.general} style={{ marginBottom: '1rem' }} />}
      {saved && <Alert variant="success" isInline title={t('saved')} style={{ marginBottom: '1rem' }} />}
      <Form onSubmit={submit} maxWidth="40rem" id="profile-form">
        <FormGroup label={t('username')} fieldId="username">
          <TextInput id="username" value={me.username} readOnlyVariant="default" aria-describedby="username-reason" />
          <FormHelperText><HelperText id="username-reason"><HelperTextItem>{t('usernameReadOnly')}</HelperTextItem></HelperText></FormHelperText>
        </FormGroup>
        <FormGroup label={t('firstName')} isRequired fieldId="firstName">
          <TextInput id="firstName" value={firstName} onChange={(_e, v) => setFirstName(v)} isRequired aria-describedby="firstName-error"
            validated={refusal.at('firstName') ? 'error' : 'default'} />
          <FieldError id="firstName-error" message={refusal.at('firstName')} />
        </FormGroup>
        <FormGroup label={t('lastName')} isRequired fieldId="lastName">
          <TextInput id="lastName" value={lastName} onChange={(_e, v) => setLastName(v)} isRequired aria-describedby="lastName-error"
            validated={refusal.at('lastName') ? 'error' : 'default'} />
          <FieldError id="lastName-error" message={refusal.at('lastName')} />
        </FormGroup>
        <FormGroup label={t('myPin')} fieldId="my-pin">
          <p id="my-pin">{t(`pinMode_${me.pinMode}`)}{me.owner ? ` · ${t('owner')}` : ''}</p>
        </FormGroup>
        <ActionGroup>
          <Button type="submit" id="save">{t('save')}</Button>
          {me.pinMode === 'PIN' && <Button variant="secondary" id="regenerate-pin" onClick={regenerate}>{t('regeneratePin')}</Button>}
        </ActionGroup>
      </Form>
      <PinDialog pin={pin} holder={fullName(me)} onClose={() => { setPin(undefined); reloadMe(); }} />
    </Screen>
  );
}
