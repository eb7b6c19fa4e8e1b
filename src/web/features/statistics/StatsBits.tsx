import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentStats } from '../../../contracts/statistics.ts';
import { formatDate } from '../../lib/dates.ts';
import { periodText } from './PeriodControls.tsx';
import type { StatsChoice } from './api.ts';

type PeriodOut = IncidentStats['period'];

const nf = new Intl.NumberFormat('vi-VN');
/** Counts in Vietnamese grouping (1.234), whatever the interface language. */
export const fmtInt = (n: number): string => nf.format(n);
export const fmtSigned = (n: number): string => (n > 0 ? `+${nf.format(n)}` : n < 0 ? `−${nf.format(-n)}` : '0');
export const fmtPercent = (p: number): string => `${p > 0 ? '+' : p < 0 ? '−' : ''}${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(Math.abs(p))} %`;

/**
 * The sentence above every table and map: the period and its dates, the comparison base (the
 * same period last year) and the viewer's scope, all as the server computed them (dd/mm/yyyy).
 */
export function PeriodStatement({ choice, period, base, scope }: { choice: StatsChoice; period: PeriodOut; base?: PeriodOut; scope: { label: string; wholeCity: boolean } }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" mb="sm" data-testid="period-statement">
      <strong>{t('statistics.reportPeriod')}</strong> {periodText(t, choice, period)}
      {base && (
        <>
          {' — '}
          <strong>{t('statistics.comparedWith')}</strong> {t('statistics.fromTo', { from: formatDate(base.from), to: formatDate(base.to) })}
        </>
      )}
      {' — '}
      <strong>{t('statistics.scope')}</strong> {scope.wholeCity ? t('statistics.wholeCity') : scope.label.replace(/^trong phạm vi: /, '')}
    </Text>
  );
}

/** The percent change, or why it is not given (the server decides: base zero or below the minimum). */
export function ChangeCell({ change, minBase }: { change: IncidentStats['total']['change']; minBase: number }) {
  const { t } = useTranslation();
  if (change.percent !== null) return <>{fmtPercent(change.percent)}</>;
  return (
    <Text span size="xs" c="dimmed" title={t('statistics.noPercentHint', { n: minBase })}>
      {change.note === 'no_base' ? t('statistics.noteNoBase') : t('statistics.noteBaseTooSmall')}
    </Text>
  );
}
