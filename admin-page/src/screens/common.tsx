import { ReactNode, useCallback, useEffect, useState } from 'react';
import {
  Alert, Button, FormHelperText, HelperText, HelperTextItem, Modal, ModalVariant, PageSection, Spinner, Title,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { fieldOfError } from '../logic';

/** Loads once per dependency change; `reload` loads again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    setError(undefined);
    load().then((v) => current && setValue(v), (e) => current && setError(e));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { value, error, reload, setValue };
}

/** A refusal of the API, kept with the field it concerns (R-UI-3). */
export function useRefusal(fields: string[]) {
  const [refusal, setRefusal] = useState<ApiError>();
  const field = fieldOfError(refusal?.error, fields);
  return {
    refusal,
    setRefusal,
    /** The message beside this field, when the refusal concerns it. */
    at: (name: string) => (refusal && field === name ? refusal.message : undefined),
    /** The message for the whole form, when it concerns no field. */
    general: refusal && !field ? refusal.message : undefined,
    catch: (e: unknown) => setRefusal(e instanceof ApiError ? e : new ApiError(0, 'network', String(e))),
  };
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <FormHelperText>
      <HelperText id={id} aria-live="polite">
        <HelperTextItem variant="error">{message}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}

export function Screen({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <PageSection>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: '0.5rem', marginBottom: '1rem' }}>
        <Title headingLevel="h1">{title}</Title>
        {actions}
      </div>
      {children}
    </PageSection>
  );
}

export function Loading({ error }: { error?: ApiError }) {
  const { t } = useTranslation();
  return error ? <Alert variant="danger" isInline title={error.message} /> : <Spinner aria-label={t('loading')} />;
}

/** The PIN, shown once (R-PIN-4, R-UI-2): the dialog says it will not be shown again and offers a copy. */
export function PinDialog({ pin, holder, onClose }: { pin?: string; holder: string; onClose: () => void }) {
  const { t } = useTranslation();
  return <ShownOnceDialog value={pin} title={t('pinTitle')} once={t('pinOnce')} label={t('pinOf', { name: holder })}
    outputId="shown-pin" closeId="pin-close" onClose={onClose} />;
}

interface ShownOnceProps {
  value?: string;
  title: string;
  once: string;
  label: string;
  outputId: string;
  closeId: string;
  className?: string;
  onClose: () => void;
}

/** A secret the server shows once (a PIN, R-PIN-4; an integration's client secret, R-API-2), with a copy button. */
export function ShownOnceDialog({ value, title, once, label, outputId, closeId, className = 'bo-pin', onClose }: ShownOnceProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <Modal variant={ModalVariant.small} title={title} isOpen={!!value} onClose={onClose} aria-describedby={`${outputId}-once`}
      actions={[<Button key="close" id={closeId} variant="primary" onClick={onClose}>{t('close')}</Button>]}>
      <p id={`${outputId}-once`}>{once}</p>
      <p aria-label={label}>
        <output id={outputId} className={className}>{value}</output>
      </p>
      <Button variant="secondary" onClick={() => navigator.clipboard?.writeText(value ?? '').then(() => setCopied(true), () => undefined)}>
        {copied ? t('copied') : t('copy')}
      </Button>
    </Modal>
  );
}
