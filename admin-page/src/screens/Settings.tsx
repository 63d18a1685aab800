import { FormEvent, useEffect, useState } from 'react';
import { ActionGroup, Alert, Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useScope } from '../App';
import { FieldError, Loading, Screen, useLoad, useRefusal } from './common';

interface OrganizationSettings {
  pinLength: number;
  pinHolders: number;
  maxPinHolders: number;
}

/** R-UI-2: the PIN length, changed by the owner only. */
export function Settings() {
  const { t } = useTranslation();
  const { api, can } = useScope();
  const settings = useLoad(() => api.get<OrganizationSettings>('/settings'), [api]);
  const [pinLength, setPinLength] = useState('');
  const [saved, setSaved] = useState(false);
  const refusal = useRefusal(['pinLength']);
  useEffect(() => {
    if (settings.value) setPinLength(String(settings.value.pinLength));
  }, [settings.value]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    refusal.setRefusal(undefined);
    setSaved(false);
    try {
      settings.setValue(await api.send<OrganizationSettings>('PUT', '/settings', { pinLength: Number(pinLength) }));
      setSaved(true);
    } catch (e) {
      refusal.catch(e);
    }
  };
  return (
    <Screen title={t('settings')}>
      {!can.changeSettings && <Alert variant="info" isInline title={t('ownerOnly')} style={{ marginBottom: '1rem' }} />}
      {refusal.general && <Alert variant="danger" isInline title={refusal.general} style={{ marginBottom: '1rem' }} />}
      {saved && <Alert variant="success" isInline title={t('saved')} style={{ marginBottom: '1rem' }} />}
      {!settings.value ? <Loading error={settings.error} /> : (
        <Form onSubmit={submit} maxWidth="30rem">
          <FormGroup label={t('pinLength')} fieldId="pinLength">
            <TextInput id="pinLength" type="number" min={4} max={12} value={pinLength} onChange={(_e, v) => setPinLength(v)}
              readOnlyVariant={can.changeSettings ? undefined : 'default'} validated={refusal.at('pinLength') ? 'error' : 'default'}
              aria-describedby="pinLength-help pinLength-error" />
            <FormHelperText>
              <HelperText id="pinLength-help">
                <HelperTextItem>{t('pinHolders', { count: settings.value.pinHolders, max: settings.value.maxPinHolders })}</HelperTextItem>
              </HelperText>
            </FormHelperText>
            <FieldError id="pinLength-error" message={refusal.at('pinLength')} />
          </FormGroup>
          {can.changeSettings && <ActionGroup><Button type="submit" id="save">{t('save')}</Button></ActionGroup>}
        </Form>
      )}
    </Screen>
  );
}
