import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileButton,
  Group,
  Loader,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { IconCurrentLocation, IconFile, IconInfoCircle, IconLock, IconPaperclip, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { TIP_MAX_FILES, tipIntakeInput, type TipIntakeInput, type TipKind } from '../../../contracts/tips.ts';
import { DateField } from '../../components/DateField.tsx';
import { isApiError } from '../../lib/api.ts';
import { todayIso } from '../../lib/dates.ts';
import { apiPathErrors, errorMessage, errorUnder, zodPathErrors, type FieldErrors } from '../../lib/errors.ts';
import { fold } from '../../lib/text.ts';
import { fetchChallenge, sendTip, usePublicCommunes, type TipReceipt as Receipt } from './api.ts';
import { checkTipFile, fileToBase64, formatSize, TIP_FILE_ACCEPT } from './files.ts';
import { PowUnavailableError, solvePow } from './pow.ts';
import { EmergencyNotice, PublicLayout } from './PublicLayout.tsx';
import { TipReceipt } from './TipReceipt.tsx';

type Phase = 'reading' | 'challenge' | 'solving' | 'sending';
type Body = Omit<TipIntakeInput, 'challenge' | 'solution' | 'files'>;

/** The sentence for a failed submission; file errors say the limits of this form (5 MB), not the general ones. */
function submitErrorText(t: TFunction, e: unknown): string {
  if (e instanceof PowUnavailableError) return t('publicTip.powUnavailable');
  if (isApiError(e, 'file.too_large') || isApiError(e, 'payload_too_large')) return t('publicTip.files.serverTooLarge');
  if (isApiError(e, 'file.type_not_allowed')) return t('publicTip.files.serverType');
  if (isApiError(e, 'validation_failed')) return t('publicTip.fixErrors');
  return errorMessage(t, e);
}

function Section({ title, required, children }: { title: string; required?: boolean; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section">
      <Title order={2} size="h4" mb="sm">
        {title}
        {required && (
          <Text span c="red.7" aria-hidden>
            {' *'}
          </Text>
        )}
      </Title>
      {children}
    </Paper>
  );
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/** Gửi tố giác, tin báo về tội phạm: the public form (no login), then the receipt shown once. */
export function PublicTipPage() {
  const { t, i18n } = useTranslation();
  const communes = usePublicCommunes();

  const [kind, setKind] = useState<TipKind>('to_giac');
  const [what, setWhat] = useState('');
  const [communeCode, setCommuneCode] = useState<string | null>(null);
  const [address, setAddress] = useState('');
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const [locating, setLocating] = useState(false);
  const [locationProblem, setLocationProblem] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const resetFileInput = useRef<() => void>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [reporterAddress, setReporterAddress] = useState('');
  const [keepSecret, setKeepSecret] = useState(true);

  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase | null>(null);
  const [tried, setTried] = useState(0);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const abort = useRef<AbortController | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const [showProblem, setShowProblem] = useState(0);

  useEffect(() => () => abort.current?.abort(), []);
  // After a refused submission: bring the first marked field into view, or else the message by the button.
  useEffect(() => {
    if (!showProblem) return;
    const field = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = field ?? form.current?.querySelector<HTMLElement>('[data-submit-problem]');
    target?.scrollIntoView({ block: 'center' });
    field?.focus({ preventScroll: true });
  }, [showProblem]);

  const communeData = (communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }));

  const addFiles = async (picked: File[]) => {
    resetFileInput.current?.();
    const problems: string[] = [];
    const ok: File[] = [];
    for (const f of picked) {
      const problem = await checkTipFile(f);
      if (problem) problems.push(t(`publicTip.files.problems.${problem}`, { name: f.name }));
      else ok.push(f);
    }
    const room = TIP_MAX_FILES - files.length;
    if (ok.length > room) problems.push(t('publicTip.files.tooMany'));
    setFiles([...files, ...ok.slice(0, Math.max(0, room))]);
    setFileProblems(problems);
  };

  const locateMe = () => {
    setLocationProblem(null);
    if (!('geolocation' in navigator)) return setLocationProblem(t('publicTip.where.locationUnavailable'));
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setLat(pos.coords.latitude.toFixed(6));
        setLng(pos.coords.longitude.toFixed(6));
      },
      (err) => {
        setLocating(false);
        setLocationProblem(t(err.code === err.PERMISSION_DENIED ? 'publicTip.where.locationDenied' : 'publicTip.where.locationUnavailable'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const body = (): Body | Record<string, unknown> => {
    const reporter = { name: name.trim(), phone: phone.trim(), email: email.trim(), address: reporterAddress.trim() };
    const given = Object.fromEntries(Object.entries(reporter).filter(([, v]) => v !== ''));
    const num = (s: string) => (s.trim() === '' ? NaN : Number(s.trim().replace(',', '.')));
    return {
      kind,
      what,
      communeCode: communeCode ?? '',
      address,
      point: lat.trim() || lng.trim() ? { lat: num(lat), lng: num(lng) } : null,
      occurredAt: date ? (time ? `${date}T${time}:00+07:00` : date) : null,
      reporter: Object.keys(given).length ? { ...given, keepSecret } : null,
    };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (phase) return;
    const input = body();
    const parsed = tipIntakeInput.safeParse({ ...input, files: [], challenge: '', solution: '' });
    const errs: FieldErrors = parsed.success ? {} : zodPathErrors(t, parsed.error);
    if (!communeCode) errs.communeCode = t('validation.required');
    if (!lat.trim() !== !lng.trim()) errs.point = t('publicTip.where.pointBoth');
    if (time && !date) errs.occurredAt = t('validation.required');
    setErrors(errs);
    if (!parsed.success || Object.keys(errs).length) {
      setFailure(t('publicTip.fixErrors'));
      setShowProblem((n) => n + 1);
      return;
    }
    setFailure(null);
    const ac = new AbortController();
    abort.current = ac;
    try {
      setPhase('reading');
      const encoded = await Promise.all(files.map(async (f) => ({ filename: f.name.slice(-200), contentBase64: await fileToBase64(f) })));
      setPhase('challenge');
      const challenge = await fetchChallenge(ac.signal);
      setPhase('solving');
      setTried(0);
      const solution = await solvePow(challenge.token, challenge.difficulty, setTried, ac.signal);
      setPhase('sending');
      const r = await sendTip({ ...parsed.data, files: encoded, challenge: challenge.token, solution }, ac.signal);
      setReceipt(r);
      window.scrollTo({ top: 0 });
    } catch (err) {
      if (isAbort(err)) return;
      setErrors(apiPathErrors(t, err));
      setFailure(submitErrorText(t, err));
      setShowProblem((n) => n + 1);
    } finally {
      if (abort.current === ac) setPhase(null);
    }
  };

  const startOver = () => {
    setReceipt(null);
    setWhat('');
    setCommuneCode(null);
    setAddress('');
    setLat('');
    setLng('');
    setDate('');
    setTime('');
    setFiles([]);
    setFileProblems([]);
    setName('');
    setPhone('');
    setEmail('');
    setReporterAddress('');
    setKeepSecret(true);
    setErrors({});
    setFailure(null);
    window.scrollTo({ top: 0 });
  };

  if (receipt)
    return (
      <PublicLayout title={t('publicTip.receipt.title')}>
        <TipReceipt receipt={receipt} onAnother={startOver} />
      </PublicLayout>
    );

  const busy = phase !== null;
  const pointError = errorUnder(errors, 'point');
  const progress = phase === 'solving' ? t('publicTip.progress.solving', { tries: tried.toLocaleString(i18n.language) }) : phase ? t(`publicTip.progress.${phase}`) : '';

  return (
    <PublicLayout title={t('publicTip.title')}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('publicTip.title')}
          </Title>
          <Text c="dimmed">{t('publicTip.intro')}</Text>
          <Anchor component={Link} to="/report/status" fw={600}>
            {t('publicTip.haveCode')}
          </Anchor>
        </Stack>

        <EmergencyNotice />

        <form ref={form} onSubmit={(e) => void submit(e)} noValidate aria-label={t('publicTip.title')}>
          <Stack gap="md">
            <Section title={t('publicTip.kind.label')}>
              <Radio.Group value={kind} onChange={(v) => setKind(v as TipKind)} aria-label={t('publicTip.kind.label')}>
                <Stack gap="sm">
                  {(['to_giac', 'tin_bao'] as const).map((k) => (
                    <Radio.Card key={k} value={k} p="sm" radius="md" withBorder>
                      <Group wrap="nowrap" align="flex-start" gap="sm">
                        <Radio.Indicator mt={2} />
                        <div>
                          <Text fw={600}>{t(`publicTip.kind.${k}`)}</Text>
                          <Text size="sm" c="dimmed">
                            {t(`publicTip.kind.${k}Hint`)}
                          </Text>
                        </div>
                      </Group>
                    </Radio.Card>
                  ))}
                </Stack>
              </Radio.Group>
            </Section>

            <Section title={t('publicTip.what.label')} required>
              <Textarea
                aria-label={t('publicTip.what.label')}
                description={t('publicTip.what.hint')}
                required
                size="md"
                autosize
                minRows={5}
                maxRows={16}
                maxLength={10_000}
                value={what}
                onChange={(e) => setWhat(e.currentTarget.value)}
                error={errors.what}
              />
            </Section>

            <Section title={t('publicTip.where.title')}>
              <Stack gap="sm">
                <Select
                  label={t('publicTip.where.commune')}
                  placeholder={t('publicTip.where.communePlaceholder')}
                  required
                  size="md"
                  data={communeData}
                  value={communeCode}
                  onChange={setCommuneCode}
                  searchable
                  clearable
                  maxDropdownHeight={280}
                  filter={({ options, search }) => options.filter((o) => 'label' in o && fold(o.label).includes(fold(search.trim())))}
                  nothingFoundMessage={t('common.noResults')}
                  rightSection={communes.isPending ? <Loader size="xs" /> : undefined}
                  error={errors.communeCode ?? (communes.isError ? `${t('publicTip.where.communeLoadError')} ${errorMessage(t, communes.error)}` : undefined)}
                />
                <TextInput
                  label={t('publicTip.where.address')}
                  description={t('publicTip.where.addressHint')}
                  required
                  size="md"
                  maxLength={500}
                  value={address}
                  onChange={(e) => setAddress(e.currentTarget.value)}
                  error={errors.address}
                />
                <Stack gap={6} role="group" aria-labelledby="tip-point-label">
                  <Text id="tip-point-label" size="md" fw={500}>
                    {t('publicTip.where.point')}{' '}
                    <Text span c="dimmed" size="sm" fw={400}>
                      ({t('publicTip.optional')})
                    </Text>
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('publicTip.where.pointHint')}
                  </Text>
                  <Group gap="xs">
                    <Button
                      variant="light"
                      leftSection={locating ? <Loader size={16} /> : <IconCurrentLocation size={18} aria-hidden />}
                      onClick={locateMe}
                      disabled={locating}
                    >
                      {locating ? t('publicTip.where.locating') : t('publicTip.where.useLocation')}
                    </Button>
                    {(lat || lng) && (
                      <Button
                        variant="subtle"
                        color="gray"
                        onClick={() => {
                          setLat('');
                          setLng('');
                        }}
                      >
                        {t('publicTip.where.clearPoint')}
                      </Button>
                    )}
                  </Group>
                  {locationProblem && (
                    <Text size="sm" c="orange.8" role="status">
                      {locationProblem}
                    </Text>
                  )}
                  <SimpleGrid cols={2} spacing="xs">
                    <TextInput label={t('publicTip.where.lat')} size="md" inputMode="decimal" placeholder="10.7725" value={lat} onChange={(e) => setLat(e.currentTarget.value)} error={!!pointError} />
                    <TextInput label={t('publicTip.where.lng')} size="md" inputMode="decimal" placeholder="106.6980" value={lng} onChange={(e) => setLng(e.currentTarget.value)} error={!!pointError} />
                  </SimpleGrid>
                  {pointError && (
                    <Text size="sm" c="red.7" role="alert">
                      {pointError}
                    </Text>
                  )}
                </Stack>
              </Stack>
            </Section>

            <Section title={t('publicTip.when.title')}>
              <Stack gap="xs">
                <SimpleGrid cols={2} spacing="xs">
                  <DateField label={t('publicTip.when.date')} value={date} onChange={setDate} maxDate={todayIso()} error={errors.occurredAt} />
                  <TimeInput label={t('publicTip.when.time')} size="sm" value={time} onChange={(e) => setTime(e.currentTarget.value)} disabled={!date} />
                </SimpleGrid>
                <Text size="sm" c="dimmed">
                  {t('publicTip.when.hint')}
                </Text>
              </Stack>
            </Section>

            <Section title={t('publicTip.files.title')}>
              <Stack gap="xs">
                <Text size="sm">{t('publicTip.files.hint')}</Text>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <IconLock size={16} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
                  <Text size="sm" c="dimmed">
                    {t('publicTip.files.privacy')}
                  </Text>
                </Group>
                {files.length > 0 && (
                  <Stack gap={4} component="ul" className="plain-list">
                    {files.map((f, i) => (
                      <Group key={`${f.name}-${f.size}-${i}`} component="li" gap="xs" wrap="nowrap" justify="space-between">
                        <Group gap={6} wrap="nowrap" miw={0}>
                          <IconFile size={18} aria-hidden style={{ flexShrink: 0 }} />
                          <Text size="sm" truncate="end" miw={0}>
                            {f.name}
                          </Text>
                          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                            {formatSize(f.size, i18n.language)}
                          </Text>
                        </Group>
                        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('publicTip.files.remove', { name: f.name })} onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                          <IconX size={18} aria-hidden />
                        </ActionIcon>
                      </Group>
                    ))}
                  </Stack>
                )}
                {fileProblems.map((p) => (
                  <Text key={p} size="sm" c="red.7" role="alert">
                    {p}
                  </Text>
                ))}
                <div>
                  <FileButton onChange={(picked) => void addFiles(picked)} accept={TIP_FILE_ACCEPT} multiple resetRef={resetFileInput} disabled={files.length >= TIP_MAX_FILES}>
                    {(props) => (
                      <Button {...props} variant="default" leftSection={<IconPaperclip size={18} aria-hidden />}>
                        {t('publicTip.files.add')} ({files.length}/{TIP_MAX_FILES})
                      </Button>
                    )}
                  </FileButton>
                </div>
              </Stack>
            </Section>

            <Section title={`${t('publicTip.identity.title')} (${t('publicTip.optional')})`}>
              <Stack gap="sm">
                <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
                  {t('publicTip.identity.anonymous')}
                </Alert>
                <TextInput label={t('publicTip.identity.name')} size="md" autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors['reporter.name']} />
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <TextInput label={t('publicTip.identity.phone')} size="md" type="tel" autoComplete="tel" maxLength={21} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={errors['reporter.phone']} />
                  <TextInput label={t('publicTip.identity.email')} size="md" type="email" autoComplete="email" maxLength={200} value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors['reporter.email']} />
                </SimpleGrid>
                <TextInput label={t('publicTip.identity.address')} size="md" autoComplete="street-address" maxLength={500} value={reporterAddress} onChange={(e) => setReporterAddress(e.currentTarget.value)} error={errors['reporter.address']} />
                <Checkbox
                  size="md"
                  checked={keepSecret}
                  onChange={(e) => setKeepSecret(e.currentTarget.checked)}
                  label={t('publicTip.identity.keepSecret')}
                  description={t('publicTip.identity.keepSecretHint')}
                />
              </Stack>
            </Section>

            <Section title={t('publicTip.notice.title')}>
              <Stack gap="xs">
                <Text size="sm">{t('publicTip.notice.body')}</Text>
                <Text size="sm" fw={600}>
                  {t('publicTip.notice.falseReport')}
                </Text>
              </Stack>
            </Section>

            <Stack gap="xs">
              {failure && (
                <Alert color="red" role="alert" data-submit-problem>
                  {failure}
                </Alert>
              )}
              <Button type="submit" size="lg" fullWidth loading={busy}>
                {t('publicTip.submit')}
              </Button>
              <Text size="sm" c="dimmed" ta="center" role="status" aria-live="polite" mih={20}>
                {progress}
              </Text>
            </Stack>
          </Stack>
        </form>
      </Stack>
    </PublicLayout>
  );
}
