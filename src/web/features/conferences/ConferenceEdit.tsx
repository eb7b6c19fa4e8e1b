import { useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Modal, Paper, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CONFERENCE_KINDS, setConferenceItemsInput, updateConferenceInput, type Conference, type ConferenceKind } from '../../../contracts/conferences.ts';
import { DateField } from '../../components/DateField.tsx';
import { isApiError } from '../../lib/api.ts';
import { apiPathErrors, errorMessage, zodPathErrors, type FieldErrors } from '../../lib/errors.ts';
import { useSetConferenceItems, useUpdateConference } from './api.ts';

/** The error line of an edit dialog; a stale version says the conference was reloaded (what was typed is kept). */
function EditError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color={isApiError(error, 'stale_version') ? 'yellow' : 'red'} role="alert">
      {errorMessage(t, error)}
    </Alert>
  );
}

const orNull = (s: string) => (s.trim() ? s : null);

/**
 * Sửa thông tin hội nghị: title, kind, date, place, agenda, minutes. Only what changed is sent,
 * against the version shown: after a stale answer the page reloads and the form keeps the typing.
 */
export function ConferenceEditModal({ conference: c, onClose }: { conference: Conference; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const update = useUpdateConference(c.id);
  const [title, setTitle] = useState(c.title);
  const [kind, setKind] = useState<ConferenceKind>(c.kind);
  const [heldOn, setHeldOn] = useState(c.heldOn);
  const [place, setPlace] = useState(c.place ?? '');
  const [agenda, setAgenda] = useState(c.agenda ?? '');
  const [minutes, setMinutes] = useState(c.minutes ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input: Record<string, unknown> = { version: c.version };
    if (title !== c.title) input.title = title;
    if (kind !== c.kind) input.kind = kind;
    if (heldOn !== c.heldOn) input.heldOn = heldOn;
    if (orNull(place) !== c.place) input.place = orNull(place);
    if (orNull(agenda) !== c.agenda) input.agenda = orNull(agenda);
    if (orNull(minutes) !== c.minutes) input.minutes = orNull(minutes);
    const parsed = updateConferenceInput.safeParse(input);
    const errs: FieldErrors = parsed.success ? {} : zodPathErrors(t, parsed.error);
    if (!heldOn) errs.heldOn = t('validation.required');
    if (!parsed.success || Object.keys(errs).length) return setErrors(errs);
    setErrors({});
    if (Object.keys(parsed.data).length === 1) {
      notifications.show({ color: 'gray', message: t('conferenceEdit.unchanged') });
      return onClose();
    }
    update.mutate(parsed.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('conferenceEdit.saved') });
        onClose();
      },
      onError: (err) => setErrors(apiPathErrors(t, err)),
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('conferenceEdit.title')} size="xl" fullScreen={phone}>
      <form onSubmit={onSubmit} noValidate aria-label={t('conferenceEdit.title')}>
        <Stack gap="sm">
          <EditError error={update.error} />
          <Textarea label={t('conferenceEdit.confTitle')} required autosize minRows={1} maxRows={4} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} data-autofocus />
          <Group gap="sm" align="flex-start" wrap="wrap">
            <Select
              label={t('conferenceEdit.kind')}
              data={CONFERENCE_KINDS.map((k) => ({ value: k, label: t(`conferenceKind.${k}`) }))}
              value={kind}
              onChange={(v) => v && setKind(v as ConferenceKind)}
              allowDeselect={false}
              error={errors.kind}
              w={{ base: '100%', sm: 240 }}
            />
            <DateField label={t('conferenceEdit.heldOn')} required value={heldOn} onChange={setHeldOn} error={errors.heldOn} w={{ base: '100%', sm: 200 }} />
          </Group>
          <TextInput label={t('conferenceEdit.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={errors.place} />
          <Textarea label={t('conferenceEdit.agenda')} autosize minRows={3} maxRows={10} value={agenda} onChange={(e) => setAgenda(e.currentTarget.value)} error={errors.agenda} />
          <Textarea label={t('conferenceEdit.minutes')} autosize minRows={4} maxRows={16} value={minutes} onChange={(e) => setMinutes(e.currentTarget.value)} error={errors.minutes} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface ItemRow {
  key: string;
  /** The stored item (kept, with its tasks); absent for a new one. */
  id?: string;
  text: string;
  documentId: string | null;
  clauseId: string | null;
  reference: string | null;
}

const rowsOf = (c: Conference): ItemRow[] =>
  c.items.map((i) => ({ key: i.id, id: i.id, text: i.text, documentId: i.documentId, clauseId: i.clauseId, reference: [i.documentSymbol, i.clauseRef].filter(Boolean).join(' — ') || null }));

/**
 * Sửa kết luận: edit the text, add, remove, reorder. Existing items keep their id (and their
 * tasks); removing one that has tasks is refused by the server (conference.item_in_use).
 */
export function ConferenceItemsModal({ conference: c, taskCounts, onClose }: { conference: Conference; taskCounts: Map<string, number>; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const save = useSetConferenceItems(c.id);
  const [rows, setRows] = useState<ItemRow[]>(() => rowsOf(c));
  const [nextKey, setNextKey] = useState(1);
  const [errors, setErrors] = useState<FieldErrors>({});

  const move = (i: number, by: -1 | 1) =>
    setRows((s) => {
      const j = i + by;
      if (j < 0 || j >= s.length) return s;
      const out = [...s];
      [out[i], out[j]] = [out[j]!, out[i]!];
      return out;
    });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      version: c.version,
      items: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), text: r.text, documentId: r.documentId, clauseId: r.clauseId })),
    };
    const parsed = setConferenceItemsInput.safeParse(input);
    if (!parsed.success) return setErrors(zodPathErrors(t, parsed.error));
    setErrors({});
    save.mutate(parsed.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('conferenceEdit.itemsSaved') });
        onClose();
      },
      onError: (err) => setErrors(apiPathErrors(t, err)),
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('conferenceEdit.itemsTitle')} size="xl" fullScreen={phone}>
      <form onSubmit={onSubmit} noValidate aria-label={t('conferenceEdit.itemsTitle')}>
        <Stack gap="sm">
          <EditError error={save.error} />
          {rows.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('conferenceEdit.noItems')}
            </Text>
          )}
          {rows.map((r, i) => {
            const n = i + 1;
            const tasks = r.id ? (taskCounts.get(r.id) ?? 0) : 0;
            return (
              <Paper key={r.key} withBorder p="sm">
                <Group align="flex-start" gap="xs" wrap="nowrap">
                  <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                    <Textarea
                      label={t('conferenceEdit.item', { n })}
                      required
                      autosize
                      minRows={2}
                      maxRows={8}
                      value={r.text}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setRows((s) => s.map((x) => (x.key === r.key ? { ...x, text: v } : x)));
                      }}
                      error={errors[`items.${i}.text`] ?? errors[`items.${i}`]}
                    />
                    <Group gap="xs">
                      {r.reference && (
                        <Text size="xs" c="dimmed">
                          {r.reference}
                        </Text>
                      )}
                      {tasks > 0 && (
                        <Badge size="sm" variant="light" tt="none">
                          {t('conferenceEdit.itemHasTasks', { n, count: tasks })}
                        </Badge>
                      )}
                    </Group>
                  </Stack>
                  <Stack gap={2} pt={24}>
                    <ActionIcon variant="subtle" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('conferenceEdit.moveUp', { n })}>
                      <IconArrowUp size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon variant="subtle" onClick={() => move(i, 1)} disabled={i === rows.length - 1} aria-label={t('conferenceEdit.moveDown', { n })}>
                      <IconArrowDown size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" onClick={() => setRows((s) => s.filter((x) => x.key !== r.key))} aria-label={t('conferenceEdit.removeItem', { n })}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Stack>
                </Group>
              </Paper>
            );
          })}
          <Button
            variant="light"
            w="fit-content"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => {
              setRows((s) => [...s, { key: `new-${nextKey}`, text: '', documentId: null, clauseId: null, reference: null }]);
              setNextKey((k) => k + 1);
            }}
          >
            {t('conferenceEdit.addItem')}
          </Button>
          <Group justify="flex-end" gap="xs">
            <Button
              variant="default"
              onClick={() => {
                setRows(rowsOf(c));
                onClose();
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
