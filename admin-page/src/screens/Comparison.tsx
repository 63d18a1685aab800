import { useState } from 'react';
import { FormGroup, FormSelect, FormSelectOption, Label, LabelGroup } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { query } from '../api';
import { useScope } from '../App';
import { Catalogue } from '../logic';
import { Loading, Screen, useLoad } from './common';

interface ComparisonAnswer {
  permissions: { name: string; description?: string; groups: { id: string; name: string }[] }[];
}

/** R-UI-2: which groups grant each permission, filtered by a permission or a section. */
export function Comparison() {
  const { t } = useTranslation();
  const { api } = useScope();
  const [permission, setPermission] = useState('');
  const catalogue = useLoad(() => api.get<Catalogue>('/catalogue'), [api]);
  const comparison = useLoad(() => api.get<ComparisonAnswer>('/permission-groups/comparison' + query({ permission })), [api, permission]);
  return (
    <Screen title={t('comparison')}>
      <FormGroup label={t('comparisonFilter')} fieldId="comparison-filter" style={{ maxWidth: '30rem', marginBottom: '1rem' }}>
        <FormSelect id="comparison-filter" value={permission} onChange={(_e, v) => setPermission(v)}>
          <FormSelectOption value="" label={t('allPermissions')} />
          {(catalogue.value?.sections ?? []).map((s) => <FormSelectOption key={s.name} value={s.name} label={`${s.label} (${s.name})`} />)}
          {(catalogue.value?.permissions ?? []).map((p) => <FormSelectOption key={p.name} value={p.name} label={`${p.description ?? p.name} (${p.name})`} />)}
        </FormSelect>
      </FormGroup>
      {!comparison.value ? <Loading error={comparison.error} /> : (
        <div className="bo-wrap">
          <Table aria-label={t('comparison')} variant="compact" id="comparison">
            <Thead>
              <Tr>
                <Th>{t('permissions')}</Th>
                <Th>{t('grantedBy')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {comparison.value.permissions.map((p) => (
                <Tr key={p.name} data-permission={p.name}>
                  <Td dataLabel={t('permissions')}>{p.description ?? p.name}<br /><small>{p.name}</small></Td>
                  <Td dataLabel={t('grantedBy')}>
                    {p.groups.length === 0 ? t('noGroup') : (
                      <LabelGroup numLabels={20}>{p.groups.map((g) => <Label key={g.id} isCompact>{g.name}</Label>)}</LabelGroup>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </div>
      )}
    </Screen>
  );
}
