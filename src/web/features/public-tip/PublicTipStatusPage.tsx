import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Divider, Group, Paper, PasswordInput, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { TipPublicStatus } from '../../../contracts/tips.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { answerQuestion, fetchTipStatus, type TipCredentials } from './api.ts';
import { PublicLayout } from './PublicLayout.tsx';

const STATUS_COLORS: Record<TipPublicStatus['status'], string> = { received: 'blue', processing: 'orange', suspended: 'gray', completed: 'teal' };

type Question = TipPublicStatus['questions'][number];

/** One unanswered question of the handler, with the sender's answer form. */
function AnswerForm({ creds, question, onAnswered }: { creds: TipCredentials; question: Question; onAnswered: (s: TipPublicStatus) => void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [empty, setEmpty] = useState(false);
  const send = useMutation({ mutationFn: (text: string) => answerQuestion({ ...creds, questionId: question.id, answer: text }), onSuccess: onAnswered });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!answer.trim()) return setEmpty(true);
    setEmpty(false);
    send.mutate(answer);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={t('publicTip.status.yourAnswer')}
          size="md"
          autosize
          minRows={3}
          maxRows={10}
          maxLength={5000}
          value={answer}
          onChange={(e) => setAnswer(e.currentTarget.value)}
          error={empty ? t('validation.required') : undefined}
        />
        {send.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, send.error)}
          </Alert>
        )}
        <div>
          <Button type="submit" loading={send.isPending}>
            {t('publicTip.status.send')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function StatusView({ status, creds, onChange }: { status: TipPublicStatus; creds: TipCredentials; onChange: (s: TipPublicStatus, answered?: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Group justify="space-between" gap="xs">
            <Text ff="monospace" fw={700} fz="lg">
              {status.trackingCode}
            </Text>
            <Badge size="lg" color={STATUS_COLORS[status.status]} variant="light">
              {t(`publicTip.status.statuses.${status.status}`)}
            </Badge>
          </Group>
          <Text>{t(`publicTip.status.statusHints.${status.status}`)}</Text>
          <Text size="sm" c="dimmed">
            {t('publicTip.status.submittedAt', { time: formatDateTime(status.submittedAt) })}
          </Text>
        </Stack>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section">
        <Title order={2} size="h4" mb="sm">
          {t('publicTip.status.questions')}
        </Title>
        {status.questions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('publicTip.status.noQuestions')}
          </Text>
        ) : (
          <Stack gap="md" component="ol" className="plain-list">
            {status.questions.map((q, i) => (
              <li key={q.id}>
                {i > 0 && <Divider mb="md" />}
                <Stack gap="xs">
                  <Text fw={600} className="pre-wrap">
                    {q.question}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('publicTip.status.askedAt', { time: formatDateTime(q.askedAt) })}
                  </Text>
                  {q.answer !== null ? (
                    <Paper bg="gray.0" p="sm" radius="sm">
                      <Text size="sm" className="pre-wrap">
                        {q.answer}
                      </Text>
                      {q.answeredAt && (
                        <Text size="xs" c="dimmed" mt={4}>
                          {t('publicTip.status.answeredAt', { time: formatDateTime(q.answeredAt) })}
                        </Text>
                      )}
                    </Paper>
                  ) : (
                    <AnswerForm creds={creds} question={q} onAnswered={(s) => onChange(s, true)} />
                  )}
                </Stack>
              </li>
            ))}
          </Stack>
        )}
      </Paper>
      <Paper withBorder p="md" radius="md" component="section">
        <Title order={2} size="h4" mb="sm">
          {t('publicTip.status.outcome')}
        </Title>
        {status.outcome ? (
          <Stack gap={4}>
            <Text fw={600}>{t(`publicTip.status.outcomes.${status.outcome.kind}`)}</Text>
            <Text size="sm">{t('publicTip.status.decidedOn', { date: formatDate(status.outcome.decidedOn) })}</Text>
            <Text size="sm" c="dimmed">
              {t('publicTip.status.notifiedAt', { time: formatDateTime(status.outcome.notifiedAt) })}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('publicTip.status.noOutcome')}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}

/**
 * Tra cứu: the tracking code (may come from ?code=) and the secret, typed by the sender. The
 * secret stays in this component's state only — never in the address, never stored.
 */
export function PublicTipStatusPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [code, setCode] = useState(() => (params.get('code') ?? '').slice(0, 40));
  const [secret, setSecret] = useState('');
  const [missing, setMissing] = useState(false);
  const [creds, setCreds] = useState<TipCredentials | null>(null);
  const [status, setStatus] = useState<TipPublicStatus | null>(null);
  const [answered, setAnswered] = useState(false);
  const lookup = useMutation({
    mutationFn: fetchTipStatus,
    onSuccess: (s, input) => {
      setStatus(s);
      setCreds(input);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim() || !secret.trim()) return setMissing(true);
    setMissing(false);
    setAnswered(false);
    lookup.mutate({ trackingCode: code.trim(), secret: secret.trim() });
  };

  const other = () => {
    setStatus(null);
    setCreds(null);
    setSecret('');
    setCode('');
    setAnswered(false);
    lookup.reset();
  };

  return (
    <PublicLayout title={t('publicTip.status.title')}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('publicTip.status.title')}
          </Title>
          <Anchor component={Link} to="/report" fw={600}>
            {t('publicTip.status.newTip')}
          </Anchor>
        </Stack>

        {status && creds ? (
          <>
            {answered && (
              <Alert color="teal" role="status">
                {t('publicTip.status.answerSent')}
              </Alert>
            )}
            {lookup.isError && (
              <Alert color="red" role="alert">
                {errorMessage(t, lookup.error)}
              </Alert>
            )}
            <StatusView
              status={status}
              creds={creds}
              onChange={(s, wasAnswer) => {
                setStatus(s);
                setAnswered(!!wasAnswer);
              }}
            />
            <Group gap="sm">
              <Button
                variant="light"
                leftSection={<IconRefresh size={18} aria-hidden />}
                loading={lookup.isPending}
                onClick={() => {
                  setAnswered(false);
                  lookup.mutate(creds);
                }}
              >
                {t('publicTip.status.refresh')}
              </Button>
              <Button variant="default" onClick={other}>
                {t('publicTip.status.other')}
              </Button>
            </Group>
          </>
        ) : (
          <Paper withBorder p="md" radius="md">
            <form onSubmit={submit} noValidate aria-label={t('publicTip.status.title')}>
              <Stack gap="sm">
                <Text>{t('publicTip.status.intro')}</Text>
                {(lookup.isError || missing) && (
                  <Alert color="red" role="alert">
                    {missing ? t('validation.required') : errorMessage(t, lookup.error)}
                  </Alert>
                )}
                <TextInput
                  label={t('publicTip.status.code')}
                  placeholder={t('publicTip.status.codePlaceholder')}
                  required
                  size="md"
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={40}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                />
                <PasswordInput
                  label={t('publicTip.status.secret')}
                  required
                  size="md"
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={80}
                  value={secret}
                  onChange={(e) => setSecret(e.currentTarget.value)}
                />
                <Button type="submit" size="md" loading={lookup.isPending}>
                  {t('publicTip.status.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
        )}
      </Stack>
    </PublicLayout>
  );
}
