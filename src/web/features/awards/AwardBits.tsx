import { Anchor, Badge, Group, List, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Achievement, Eligibility, EligibilityReason, NominationState } from '../../../contracts/awards.ts';
import { formatDate } from '../../lib/dates.ts';

const STATE_COLOR: Record<NominationState, string> = { proposed: 'blue', approved: 'teal', rejected: 'red', awarded: 'green' };
const VERDICT_COLOR = { eligible: 'green', ineligible: 'red', deferred: 'yellow' } as const;

export function NominationStateBadge({ state }: { state: NominationState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" tt="none">
      {t(`awards.states.${state}`)}
    </Badge>
  );
}

/** Measured achievements with links to the records (evidence). */
export function AchievementsTable({ items }: { items: readonly Achievement[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" aria-label={t('awards.achievements')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('awards.measure')}</Table.Th>
            <Table.Th scope="col">{t('awards.count')}</Table.Th>
            <Table.Th scope="col">{t('awards.evidence')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a, i) => (
            <Table.Tr key={i}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {t(`awards.measures.${a.measure}`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {[a.unitName, `${formatDate(a.periodFrom)}–${formatDate(a.periodTo)}`, a.measure === 'declared' || a.measure === 'campaign_results' ? a.note : null].filter(Boolean).join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td fw={700} data-testid={`count-${a.measure}`}>
                {a.count}
              </Table.Td>
              <Table.Td>
                {a.evidence.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('awards.noEvidence')}
                  </Text>
                ) : (
                  <Group gap={6} wrap="wrap">
                    {a.evidence.slice(0, 8).map((e) => (
                      <Anchor key={e.id} component={Link} to={e.href} size="xs" title={e.label}>
                        {e.label.split(' — ')[0]}
                      </Anchor>
                    ))}
                    {a.count > 8 && (
                      <Text size="xs" c="dimmed">
                        {t('awards.moreEvidence', { n: a.count - 8 })}
                      </Text>
                    )}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function reasonText(t: (k: string, o?: Record<string, unknown>) => string, r: EligibilityReason): string {
  if (r.code === 'once_per_person' && !r.ok) return t('awards.reasons.once_per_person_failed', { ...r.params, decidedOn: formatDate(String(r.params.decidedOn ?? '')) });
  return t(`awards.reasons.${r.code}`, r.params);
}

/** The verdict with every condition, its basis and whether it is still to be verified. */
export function EligibilityPanel({ e }: { e: Eligibility }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" role="region" aria-label={t('awards.eligibility')}>
      <Group gap="xs">
        <Text fw={600}>{t('awards.eligibility')}:</Text>
        <Badge color={VERDICT_COLOR[e.verdict]} tt="none" size="lg">
          {t(`awards.verdicts.${e.verdict}`)}
        </Badge>
      </Group>
      <List spacing={4} size="sm">
        {e.reasons.map((r) => (
          <List.Item key={r.code} icon={<Text c={r.ok ? 'green' : 'red'} fw={700}>{r.ok ? '✓' : '✗'}</Text>}>
            <Text size="sm" span fw={r.ok ? 400 : 600}>
              {reasonText(t as never, r)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('awards.basis')}: {r.basis}
              {r.toVerify ? ` (${t('awards.toVerify')})` : ''}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
