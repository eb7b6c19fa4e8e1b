import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportRun } from '../../../contracts/reports.ts';
import { apiDownload } from '../../lib/api.ts';
import { errorMessage, errorText } from '../../lib/errors.ts';
import { useLatestReportRun, useReportRun, useStartReportRun } from './api.ts';

const apiPath = (href: string) => href.replace(/^\/api/, '');

function stepLabel(t: ReturnType<typeof useTranslation>['t'], r: ReportRun): string {
  if (r.step === 'tips' && r.stepDone) return t('reviews.page.docxSteps.tipsDone', { n: r.stepDone.toLocaleString('vi-VN') });
  return t(`reviews.page.docxSteps.${r.step ?? 'queued'}`);
}

/**
 * The báo cáo sơ kết/tổng kết, generated in the background on the server (a report run): the
 * steps are shown while it runs, the DOCX downloads itself once when done and stays available
 * behind a button. Other pages and users are not held up meanwhile.
 */
export function ReportRunButton({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const [started, setStarted] = useState<string | null>(null);
  // A run started before the page was (re)opened: followed if still going, offered if done in the last day.
  const latest = useLatestReportRun(cycleId).data;
  const resumable = latest && (latest.state === 'queued' || latest.state === 'running' || Date.now() - Date.parse(latest.createdAt) < 86_400_000) ? latest : null;
  const runId = started ?? resumable?.id ?? null;
  const start = useStartReportRun(cycleId);
  const run = useReportRun(runId);
  const r = run.data;
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const download = (x: ReportRun) => {
    setDownloadError(null);
    apiDownload(apiPath(x.fileHref!), undefined, 'bao-cao.docx').catch(setDownloadError);
  };
  // The file downloads itself once, and only for a run this page saw queued or running (not one
  // found already done when the page opened, nor one finished in another tab).
  const watched = useRef<string | null>(null);
  useEffect(() => {
    if (!r) return;
    if (r.state === 'queued' || r.state === 'running') watched.current = r.id;
    else if (r.state === 'done' && r.fileHref && watched.current === r.id) {
      watched.current = null;
      download(r);
    }
  }, [r]);
  const problem: unknown = start.error ?? run.error ?? downloadError;
  // A run that cannot be read (purged, or an error) no longer holds the button.
  const active = start.isPending || (!!runId && !run.error && (!r || r.state === 'queued' || r.state === 'running'));
  return (
    <Stack gap={6} miw={260}>
      <Button variant="light" loading={active} onClick={() =>
          start.mutate(undefined, {
            onSuccess: (x) => {
              watched.current = x.id;
              setStarted(x.id);
            },
          })
        }>
        {t('reviews.page.docx')}
      </Button>
      {active && r && (
        <div role="status">
          <Progress value={(100 * Math.max(r.progress.done, 0.3)) / r.progress.total} animated size="sm" />
          <Text size="xs" mt={4}>
            {t('reviews.page.docxProgress', { done: r.progress.done, total: r.progress.total })} · {stepLabel(t, r)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('reviews.page.docxBusy')}
          </Text>
        </div>
      )}
      {r?.state === 'done' && (
        <Group gap="xs">
          <Text size="xs" role="status">
            {t('reviews.page.docxReady')}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => download(r)}>
            {t('reviews.page.docxDownload')}
          </Button>
        </Group>
      )}
      {r?.state === 'failed' && r.error && <Alert color="red">{errorText(t, r.error.code, r.error.params)}</Alert>}
      {problem !== null && <Alert color="red">{errorMessage(t, problem)}</Alert>}
    </Stack>
  );
}
