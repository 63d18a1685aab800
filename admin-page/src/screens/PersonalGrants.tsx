import { FormEvent, useState } from 'react';
import { Alert, Button, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Form, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useScope } from '../App';
import { Catalogue, Levels, splitPersonalGrants } from '../logic';
import { Administrator } from './Administrators';
import { AreaLevels } from './AreaLevels';
import { Loading, useLoad, useRefusal } from './common';

/**
 * R-LEVEL-4: a person's own area levels on top of their groups, and where each of their permissions
 * comes from. Their other personal grants (single permissions) are kept as they are.
 */
export function PersonalGrants({ administrator, editable, onSaved }: {
  administrator: Administrator;
  editable: boolean;
  onSaved: (a: Administrator) => void;
}) {
  const { api } = useScope();
  const catalogue = useLoad(() => api.get<Catalogue>('/catalogue'), [api]);
  if (!catalogue.value) return <Loading error={catalogue.error} />;
  return <PersonalGrantsEditor catalogue={catalogue.value} administrator={administrator} editable={editable} onSaved={onSaved} />;
}

function PersonalGrantsEditor({ catalogue, administrator, editable, onSaved }: {
  catalogue: Catalogue;
  administrator: Administrator;
  editable: boolean;
  onSaved: (a: Administrator) => void;
}) {
  const { t } = useTranslation();
  const { api } = useScope();
  const current = splitPersonalGrants(catalogue, administrator.personalGrants ?? []);
  const [levels, setLevels] = useState<Levels>(current.levels);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const refusal = useRefusal(['levels', 'permissions']);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    refusal.setRefusal(undefined);
    try {
      const answer = await api.send<Administrator>('PUT', `/administrators/${administrator.userId}/personal-grants`,
        { levels, permissions: current.permissions });
      onSaved(answer);
      setSaved(true);
    } catch (e) {
      refusal.catch(e);
    } finally {
      setBusy(false);
    }
  };

  const sources = Object.entries(administrator.permissionSources ?? {});
  const sourceText = (source: string) => source === 'personal' ? t('sourcePersonal')
    : source === 'owner' ? t('owner') : source.replace(/^group:/, '');
  return (
    <section aria-labelledby="personal-grants-title" style={{ marginTop: '2rem', maxWidth: '40rem' }}>
      <Title headingLevel="h2" id="personal-grants-title">{t('personalGrants')}</Title>
      <p>{t('personalGrantsHelp')}</p>
      {refusal.general && <Alert id="personal-grants-error" variant="danger" isInline title={refusal.general} />}
      {saved && <Alert id="personal-grants-saved" variant="success" isInline title={t('saved')} />}
      <Form onSubmit={submit} id="personal-grants-form">
        <AreaLevels catalogue={catalogue} levels={levels} onChange={setLevels} readOnly={!editable} idPrefix="personal-level"
          additions error={refusal.at('levels') ?? refusal.at('permissions')} />
        {editable && <div><Button type="submit" id="save-personal-grants" variant="secondary" isDisabled={busy} isLoading={busy}>{t('savePersonalGrants')}</Button></div>}
      </Form>
      {sources.length > 0 && (
        <>
          <Title headingLevel="h3" size="md" style={{ marginTop: '1rem' }}>{t('permissionSources')}</Title>
          <DescriptionList id="permission-sources" isCompact isHorizontal>
            {sources.map(([permission, from]) => (
              <DescriptionListGroup key={permission} data-permission={permission}>
                <DescriptionListTerm>{permission}</DescriptionListTerm>
                <DescriptionListDescription>{from.map(sourceText).join(', ')}</DescriptionListDescription>
              </DescriptionListGroup>
            ))}
          </DescriptionList>
        </>
      )}
    </section>
  );
}
