import { useState } from 'react';
import { Alert, Button, Code, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AuditEntry } from '../../../contracts/audit.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { AuditFilterForm } from './AuditFilterForm.tsx';
import { useAuditList, useVerifyChain, type AuditFilters } from './api.ts';

/** The audit trail (newest first), its filters, one entry's data, and the chain check. */
export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = {
    action: params.get('action') ?? '',
    entityType: params.get('entityType') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const offset = Number(params.get('offset') ?? 0) || 0;
  const list = useAuditList(filters, offset);
  const verify = useVerifyChain();
  const [shown, setShown] = useState<AuditEntry | null>(null);

  const apply = (f: AuditFilters, o = 0) => {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(f)) if (v) next[k] = v;
    if (o) next.offset = String(o);
    setParams(next);
  };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        actions={
          <Button variant="light" leftSection={<IconShieldCheck size={18} aria-hidden />} loading={verify.isPending} onClick={() => verify.mutate()}>
            {t('audit.verify')}
          </Button>
        }
      />
      {verify.data && (
        <Alert color={verify.data.ok ? 'green' : 'red'} role="status" mb="md" withCloseButton onClose={() => verify.reset()} closeButtonLabel={t('common.close')}>
          {verify.data.ok
            ? t('audit.verifyOk', { checked: verify.data.checked })
            : t('audit.verifyBroken', { seq: verify.data.firstBrokenSeq, reason: verify.data.reason ?? '', checked: verify.data.checked })}
        </Alert>
      )}
      {verify.isError && (
        <Alert color="red" role="alert" mb="md">
          {errorMessage(t, verify.error)}
        </Alert>
      )}
      <AuditFilterForm key={params.toString()} value={filters} onApply={(f) => apply(f)} />
      {list.isPending && <Loader size="sm" mt="md" aria-label={t('app.loading')} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <Table.ScrollContainer minWidth={720} mt="md">
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.seq')}</Table.Th>
                  <Table.Th scope="col">{t('audit.at')}</Table.Th>
                  <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.actionColumn')}</Table.Th>
                  <Table.Th scope="col">{t('audit.entity')}</Table.Th>
                  <Table.Th scope="col">{t('common.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((e) => (
                  <Table.Tr key={e.seq}>
                    <Table.Td>{e.seq}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                    <Table.Td>{e.actorName ?? t('audit.system')}</Table.Td>
                    <Table.Td ff="monospace">{e.action}</Table.Td>
                    <Table.Td>
                      {t(`entityType.${e.entityType}`, { defaultValue: e.entityType })}
                      {e.entityId && (
                        <Text span size="xs" c="dimmed" ff="monospace" ml={6}>
                          {e.entityId.slice(0, 8)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant="subtle" onClick={() => setShown(e)} aria-label={t('audit.viewDetail', { seq: e.seq })}>
                        {t('common.details')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
          <Pager {...list.data} onChange={(o) => apply(filters, o)} />
        </>
      )}
      <Modal opened={!!shown} onClose={() => setShown(null)} title={shown ? t('audit.detailTitle', { seq: shown.seq }) : ''} size="lg">
        {shown && (
          <Stack gap="xs">
            <Text size="sm">
              <b>{t('audit.at')}:</b> {formatDateTime(shown.at)}
            </Text>
            <Text size="sm">
              <b>{t('audit.actor')}:</b> {shown.actorName ?? t('audit.system')}
            </Text>
            <Text size="sm">
              <b>{t('audit.actionColumn')}:</b> <Code>{shown.action}</Code>
            </Text>
            <Text size="sm">
              <b>{t('audit.entity')}:</b> {t(`entityType.${shown.entityType}`, { defaultValue: shown.entityType })} <Code>{shown.entityId ?? ''}</Code>
            </Text>
            <Text size="sm" fw={700}>
              {t('audit.data')}
            </Text>
            <Code block className="json-block">
              {JSON.stringify(shown.data, null, 2)}
            </Code>
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {t('audit.hash')}: {shown.hash}
            </Text>
          </Stack>
        )}
      </Modal>
    </>
  );
}
