import { useState, type FormEvent } from 'react';
import { Alert, Button, CloseButton, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createIncidentInput, type INCIDENT_SOURCES, type IncidentCategory, type IncidentSeverity } from '../../../contracts/incidents.ts';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatTime, todayIso } from '../../lib/dates.ts';
import { apiPathErrors, errorMessage, errorUnder, zodPathErrors, type FieldErrors } from '../../lib/errors.ts';
import { useMe } from '../auth/session.ts';
import { UnitPicker } from '../organisation/UnitPicker.tsx';
import { CoordinatorRows, type CoordinatorRow } from '../tasks/CoordinatorRows.tsx';
import { useCreateIncident } from './api.ts';
import { CommuneSelect, useIncidentOptions } from './IncidentBits.tsx';

type Source = (typeof INCIDENT_SOURCES)[number];
type UnitValue = { id: string | null; name: string };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** "2130", "21h30", "9:05", "9h" → "21:30", "09:05", "09:00" (24-hour, as written in Vietnam); anything else unchanged. */
function normalizeTime(s: string): string {
  const m = /^(\d{1,2})\s*[:hHgG.]?\s*(\d{2})?$/.exec(s.trim());
  if (!m) return s;
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  return h <= 23 && min <= 59 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : s;
}
const toNumber = (v: string | number): number | null => (v === '' || v === null ? null : typeof v === 'number' ? v : Number(v.replace(',', '.')));

/** A count field: whole numbers from 0. */
function CountInput({ label, value, onChange, error }: { label: string; value: number | ''; onChange: (v: number | '') => void; error?: string }) {
  return (
    <NumberInput
      label={label}
      min={0}
      max={1_000_000}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="strict"
      value={value}
      onChange={(v) => onChange(v === '' ? '' : Number(v))}
      error={error}
    />
  );
}

/**
 * Ghi nhận vụ việc: what happened, when and where (Asia/Ho_Chi_Minh), initial counts, the lead
 * unit and the supporting units with their assignments. Whatever was typed stays on an error.
 */
export function IncidentCreatePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateIncident();
  const options = useIncidentOptions();

  // A commune officer usually records for their own unit and commune.
  const communeOfficer = me.user.communeCodes.length > 0;
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<IncidentCategory | null>(null);
  const [severity, setSeverity] = useState<IncidentSeverity>('minor');
  const [source, setSource] = useState<Source | null>(null);
  const [description, setDescription] = useState('');
  const [occurredOn, setOccurredOn] = useState(todayIso());
  const [occurredTime, setOccurredTime] = useState(() => formatTime(new Date()));
  const [communeCode, setCommuneCode] = useState(me.user.communeCodes.length === 1 ? me.user.communeCodes[0]! : '');
  const [address, setAddress] = useState('');
  const [lat, setLat] = useState<string | number>('');
  const [lon, setLon] = useState<string | number>('');
  const [peopleInvolved, setPeople] = useState<number | ''>(0);
  const [injured, setInjured] = useState<number | ''>(0);
  const [dead, setDead] = useState<number | ''>(0);
  const [damageVnd, setDamage] = useState<number | ''>(0);
  const [lead, setLead] = useState<UnitValue>(communeOfficer ? { id: me.user.unitId, name: me.user.unitName } : { id: null, name: '' });
  const [assigning, setAssigning] = useState<UnitValue>({ id: null, name: '' });
  const [assigningKey, setAssigningKey] = useState(0);
  const [supporting, setSupporting] = useState<CoordinatorRow[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = t('validation.required');
    const errs: FieldErrors = {};
    const la = toNumber(lat);
    const lo = toNumber(lon);
    if ((la === null) !== (lo === null)) errs.point = t('incidents.form.pointBoth');
    const time = normalizeTime(occurredTime);
    if (time !== occurredTime) setOccurredTime(time);
    const timeOk = TIME.test(time);
    const input = {
      title,
      category: category ?? undefined,
      severity,
      occurredAt: occurredOn && timeOk ? `${occurredOn}T${time}:00+07:00` : '',
      communeCode,
      address: address.trim() ? address : null,
      point: la !== null && lo !== null ? { lat: la, lon: lo } : null,
      source: source ?? undefined,
      description,
      peopleInvolved: peopleInvolved === '' ? 0 : peopleInvolved,
      injured: injured === '' ? 0 : injured,
      dead: dead === '' ? 0 : dead,
      damageVnd: damageVnd === '' ? 0 : damageVnd,
      leadUnitId: lead.id ?? '',
      ...(assigning.id ? { assigningUnitId: assigning.id } : {}),
      supporting: supporting.map((s) => ({ unitId: s.unitId ?? '', assignment: s.part })),
    };
    const parsed = createIncidentInput.safeParse(input);
    Object.assign(errs, parsed.success ? {} : zodPathErrors(t, parsed.error));
    // Empty choices say "required" rather than "invalid".
    if (!category) errs.category = required;
    if (!source) errs.source = required;
    if (!communeCode) errs.communeCode = required;
    if (!lead.id) errs.leadUnitId = required;
    if (!occurredOn) errs.occurredOn = required;
    if (!timeOk) errs.occurredTime = occurredTime ? t('incidents.form.timeInvalid') : required;
    if (occurredOn && timeOk) delete errs.occurredAt;
    supporting.forEach((s, i) => {
      if (!s.unitId) errs[`supporting.${i}.unitId`] = required;
    });
    if (!parsed.success || Object.keys(errs).length) return setErrors(errs);
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (incident) => {
        notifications.show({ color: 'green', message: t('incidents.form.created', { code: incident.code }) });
        void navigate(`/incidents/${incident.id}`);
      },
      onError: (err) => setErrors(apiPathErrors(t, err)),
    });
  };

  const heading = t('incidents.form.title');
  const occurredError = errors.occurredAt;
  const pointError = errorUnder(errors, 'point');

  return (
    <>
      <PageHeader title={heading} />
      <form onSubmit={submit} noValidate aria-label={heading}>
        <Stack gap="md" maw={920}>
          {create.isError && (
            <Alert color="red" role="alert">
              {errorMessage(t, create.error)}
            </Alert>
          )}
          <Paper withBorder p="md" component="fieldset" style={{ margin: 0 }}>
            <Title order={3} size="h5" component="legend" px={4}>
              {t('incidents.form.what')}
            </Title>
            <Stack gap="sm">
              <TextInput
                label={t('incidents.form.name')}
                placeholder={t('incidents.form.namePlaceholder')}
                required
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={errors.title}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <Select label={t('incidents.form.category')} data={options.categories} value={category} onChange={(v) => setCategory(v as IncidentCategory | null)} required error={errors.category} />
                <Select
                  label={t('incidents.form.severity')}
                  data={options.severities}
                  value={severity}
                  onChange={(v) => v && setSeverity(v as IncidentSeverity)}
                  allowDeselect={false}
                  required
                  error={errors.severity}
                />
                <Select label={t('incidents.form.source')} data={options.sources} value={source} onChange={(v) => setSource(v as Source | null)} required error={errors.source} />
              </SimpleGrid>
              <Textarea label={t('incidents.form.description')} required autosize minRows={3} maxRows={14} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
            </Stack>
          </Paper>

          <Paper withBorder p="md" component="fieldset" style={{ margin: 0 }}>
            <Title order={3} size="h5" component="legend" px={4}>
              {t('incidents.form.when')}
            </Title>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <DateField label={t('incidents.form.occurredOn')} required value={occurredOn} maxDate={todayIso()} onChange={setOccurredOn} error={errors.occurredOn ?? occurredError} />
                <TextInput
                  label={t('incidents.form.occurredTime')}
                  required
                  placeholder="hh:mm"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={6}
                  value={occurredTime}
                  onChange={(e) => setOccurredTime(e.currentTarget.value)}
                  onBlur={() => setOccurredTime((v) => normalizeTime(v))}
                  error={errors.occurredTime}
                />
                <CommuneSelect
                  label={t('incidents.form.commune')}
                  placeholder={t('incidents.form.communePlaceholder')}
                  required
                  value={communeCode}
                  onChange={setCommuneCode}
                  error={errors.communeCode}
                />
              </SimpleGrid>
              <TextInput label={t('incidents.form.address')} value={address} onChange={(e) => setAddress(e.currentTarget.value)} error={errors.address} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <NumberInput label={t('incidents.form.lat')} decimalScale={6} min={-90} max={90} value={lat} onChange={setLat} error={pointError} placeholder="10.7721" />
                <NumberInput label={t('incidents.form.lon')} decimalScale={6} min={-180} max={180} value={lon} onChange={setLon} error={pointError ? ' ' : undefined} placeholder="106.6983" />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('incidents.form.pointHint')}
              </Text>
            </Stack>
          </Paper>

          <Paper withBorder p="md" component="fieldset" style={{ margin: 0 }}>
            <Title order={3} size="h5" component="legend" px={4}>
              {t('incidents.form.counts')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('incidents.form.countsHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
              <CountInput label={t('incidents.form.peopleInvolved')} value={peopleInvolved} onChange={setPeople} error={errors.peopleInvolved} />
              <CountInput label={t('incidents.form.injured')} value={injured} onChange={setInjured} error={errors.injured} />
              <CountInput label={t('incidents.form.dead')} value={dead} onChange={setDead} error={errors.dead} />
              <NumberInput
                label={t('incidents.form.damageVnd')}
                min={0}
                max={1e15}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator="."
                decimalSeparator=","
                value={damageVnd}
                onChange={(v) => setDamage(v === '' ? '' : Number(v))}
                error={errors.damageVnd}
              />
            </SimpleGrid>
          </Paper>

          <Paper withBorder p="md" component="fieldset" style={{ margin: 0 }}>
            <Title order={3} size="h5" component="legend" px={4}>
              {t('incidents.form.units')}
            </Title>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <UnitPicker label={t('incidents.form.leadUnit')} required value={lead.id} valueLabel={lead.name} onChange={(id, u) => setLead({ id, name: u?.name ?? '' })} error={errors.leadUnitId} />
                <Group gap={4} align="flex-end" wrap="nowrap">
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <UnitPicker
                      key={assigningKey}
                      label={t('incidents.form.assigningUnit')}
                      value={assigning.id}
                      valueLabel={assigning.name}
                      onChange={(id, u) => setAssigning({ id, name: u?.name ?? '' })}
                      error={errors.assigningUnitId}
                    />
                  </div>
                  {assigning.id && (
                    <CloseButton
                      mb={6}
                      aria-label={t('incidents.form.clearAssigning')}
                      onClick={() => {
                        setAssigning({ id: null, name: '' });
                        setAssigningKey((k) => k + 1);
                      }}
                    />
                  )}
                </Group>
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('incidents.form.assigningHint')}
              </Text>
              <Text fw={600} size="sm" mt="xs">
                {t('incidents.form.supporting')}
              </Text>
              {errors.supporting && (
                <Text c="red" size="sm" role="alert">
                  {errors.supporting}
                </Text>
              )}
              <CoordinatorRows
                rows={supporting}
                onChange={setSupporting}
                labels={{
                  unit: (n) => t('incidents.form.supportingUnit', { n }),
                  part: (n) => t('incidents.form.supportingAssignment', { n }),
                  remove: (n) => t('incidents.form.removeSupporting', { n }),
                  add: t('incidents.form.addSupporting'),
                }}
                unitError={(i) => errors[`supporting.${i}.unitId`] ?? (errors[`supporting.${i}`] || undefined)}
                partError={(i) => errors[`supporting.${i}.assignment`]}
              />
            </Stack>
          </Paper>

          <Group gap="xs">
            <Button type="submit" loading={create.isPending}>
              {t('incidents.form.submit')}
            </Button>
            <Button variant="default" onClick={() => void navigate(-1)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
