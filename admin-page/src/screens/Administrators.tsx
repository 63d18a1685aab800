import { useState } from 'react';
import {
  Alert, Button, FormSelect, FormSelectOption, Label, SearchInput, Toolbar, ToolbarContent, ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { query } from '../api';
import { useScope } from '../App';
import { paging } from '../logic';
import { Loading, Screen, useLoad } from './common';

export interface Administrator {
  userId: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  status: 'ACTIVE' | 'INACTIVE';
  pinMode: 'NONE' | 'PIN' | 'SHARED';
  owner: boolean;
  permissionGroups: string[];
  pin?: string;
  confirmationEmailSent?: boolean;
}

export interface PermissionGroup {
  id: string;
  name: string;
  description?: string;
  permissions: string[];
  grants: string[];
  administratorCount: number;
}

const PAGE = 20;

export function fullName(a: { firstName?: string; lastName?: string; username: string }) {
  return [a.firstName, a.lastName].filter(Boolean).join(' ') || a.username;
}

/** R-UI-2: confirmed administrators, searched and filtered by the server, paged by it, the owner marked. */
export function Administrators() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { api, can, me, organization } = useScope();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [group, setGroup] = useState('');
  const [first, setFirst] = useState(0);
  const groups = useLoad(() => api.get<PermissionGroup[]>('/permission-groups'), [api]);
  const list = useLoad(
    () => can.manageAdministrators
      ? api.get<Administrator[]>('/administrators' + query({ first, max: PAGE, search, status, group }))
      : Promise.resolve([]),
    [api, first, search, status, group, can.manageAdministrators],
  );
  const page = paging(first, PAGE, list.value?.length ?? 0);
  const filter = (apply: () => void) => {
    setFirst(0);
    apply();
  };
  if (!can.manageAdministrators) {
    return (
      <Screen title={t('administrators')}>
        <Alert variant="info" isInline title={t('listNeedsPermission')}>
          <Link to={`/o/${organization.id}/profile`}>{t('profile')}</Link>
        </Alert>
      </Screen>
    );
  }
  return (
    <Screen title={t('administrators')}
      actions={<Button id="add-administrator" onClick={() => navigate('new')}>{t('addAdministrator')}</Button>}>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchInput id="administrator-search" aria-label={t('searchAdministrators')} placeholder={t('searchAdministrators')} value={typed}
              onChange={(_e, v) => setTyped(v)} onSearch={(_e, v) => filter(() => setSearch(v))}
              onClear={() => { setTyped(''); filter(() => setSearch('')); }} />
          </ToolbarItem>
          <ToolbarItem>
            <FormSelect id="status-filter" aria-label={t('status')} value={status} onChange={(_e, v) => filter(() => setStatus(v))}>
              <FormSelectOption value="" label={t('anyStatus')} />
              <FormSelectOption value="ACTIVE" label={t('ACTIVE')} />
              <FormSelectOption value="INACTIVE" label={t('INACTIVE')} />
            </FormSelect>
          </ToolbarItem>
          <ToolbarItem>
            <FormSelect id="group-filter" aria-label={t('group')} value={group} onChange={(_e, v) => filter(() => setGroup(v))}>
              <FormSelectOption value="" label={t('anyGroup')} />
              {(groups.value ?? []).map((g) => <FormSelectOption key={g.id} value={g.name} label={g.name} />)}
            </FormSelect>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {!list.value ? <Loading error={list.error} /> : (
        <div className="bo-wrap">
          <Table aria-label={t('administrators')} variant="compact" id="administrators">
            <Thead>
              <Tr>
                <Th>{t('name')}</Th>
                <Th>{t('email')}</Th>
                <Th>{t('status')}</Th>
                <Th modifier="wrap">{t('permissionGroups')}</Th>
                <Th>{t('pinMode')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {list.value.length === 0 && <Tr><Td colSpan={5}>{t('nothingFound')}</Td></Tr>}
              {list.value.map((a) => (
                <Tr key={a.userId} data-user-id={a.userId}>
                  <Td dataLabel={t('name')}>
                    <Link to={a.userId === me.userId ? `/o/${organization.id}/profile` : a.userId}>{fullName(a)}</Link>
                    {a.owner && <> <Label color="gold" isCompact className="bo-owner">{t('owner')}</Label></>}
                  </Td>
                  <Td dataLabel={t('email')}>{a.email ?? a.username}</Td>
                  <Td dataLabel={t('status')}><Label color={a.status === 'ACTIVE' ? 'green' : 'grey'} isCompact>{t(a.status)}</Label></Td>
                  <Td dataLabel={t('permissionGroups')}>{a.owner ? '—' : a.permissionGroups.join(', ')}</Td>
                  <Td dataLabel={t('pinMode')}>{t(`pinMode_${a.pinMode}`)}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          <div className="bo-paging">
            <Button variant="secondary" id="previous-page" isDisabled={!page.hasPrevious} onClick={() => setFirst(Math.max(0, first - PAGE))}>{t('previous')}</Button>
            <span aria-live="polite">{t('shownRange', { from: page.from, to: page.to })}</span>
            <Button variant="secondary" id="next-page" isDisabled={!page.hasNext} onClick={() => setFirst(first + PAGE)}>{t('next')}</Button>
          </div>
        </div>
      )}
    </Screen>
  );
}
