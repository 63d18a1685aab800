import { useState } from 'react';
import { Alert, Button, FormHelperText, HelperText, HelperTextItem, Modal, ModalVariant } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { useScope } from '../App';
import { PermissionGroup } from './Administrators';
import { Loading, Screen, useLoad } from './common';

/** R-UI-2: permission groups with their holder counts; delete refused with the API's count message. */
export function PermissionGroups() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { api, can } = useScope();
  const groups = useLoad(() => api.get<PermissionGroup[]>('/permission-groups'), [api]);
  const [deleting, setDeleting] = useState<PermissionGroup>();
  const [refusals, setRefusals] = useState<Record<string, string>>({});

  const remove = async (group: PermissionGroup) => {
    setDeleting(undefined);
    try {
      await api.send('DELETE', `/permission-groups/${group.id}`);
      groups.reload();
    } catch (e) {
      setRefusals({ ...refusals, [group.id]: e instanceof ApiError ? e.message : String(e) });
    }
  };

  return (
    <Screen title={t('permissionGroups')}
      actions={can.managePermissionGroups && <Button id="create-group" onClick={() => navigate('new')}>{t('createGroup')}</Button>}>
      {!can.managePermissionGroups && <Alert variant="info" isInline title={t('readOnlyGroups')} style={{ marginBottom: '1rem' }} />}
      {!groups.value ? <Loading error={groups.error} /> : (
        <div className="bo-wrap">
          <Table aria-label={t('permissionGroups')} variant="compact" id="permission-groups">
            <Thead>
              <Tr>
                <Th>{t('name')}</Th>
                <Th>{t('description')}</Th>
                <Th>{t('holders')}</Th>
                {can.managePermissionGroups && <Th>{t('actions')}</Th>}
              </Tr>
            </Thead>
            <Tbody>
              {groups.value.map((g) => (
                <Tr key={g.id} data-group={g.name}>
                  <Td dataLabel={t('name')}><Link to={g.id}>{g.name}</Link></Td>
                  <Td dataLabel={t('description')}>{g.description}</Td>
                  <Td dataLabel={t('holders')} className="bo-holders">{g.administratorCount}</Td>
                  {can.managePermissionGroups && (
                    <Td dataLabel={t('actions')}>
                      <Button variant="secondary" isDanger size="sm" className="bo-delete" aria-describedby={`delete-${g.id}-error`}
                        onClick={() => setDeleting(g)}>{t('deleteGroup')}</Button>
                      {refusals[g.id] && (
                        <FormHelperText>
                          <HelperText id={`delete-${g.id}-error`} aria-live="polite">
                            <HelperTextItem variant="error" className="bo-refusal">{refusals[g.id]}</HelperTextItem>
                          </HelperText>
                        </FormHelperText>
                      )}
                    </Td>
                  )}
                </Tr>
              ))}
            </Tbody>
          </Table>
        </div>
      )}
      <Modal variant={ModalVariant.small} title={t('deleteGroup')} isOpen={!!deleting} onClose={() => setDeleting(undefined)}
        actions={[
          <Button key="yes" id="confirm-delete" variant="danger" onClick={() => deleting && remove(deleting)}>{t('deleteGroup')}</Button>,
          <Button key="no" variant="link" onClick={() => setDeleting(undefined)}>{t('cancel')}</Button>,
        ]}>
        {deleting && t('deleteConfirm', { name: deleting.name })}
      </Modal>
    </Screen>
  );
}
