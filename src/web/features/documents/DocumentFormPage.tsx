import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Loader, NumberInput, Paper, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  createDocumentInput,
  DOCUMENT_CLASSIFICATIONS,
  DOCUMENT_KINDS,
  DOCUMENT_SYSTEMS,
  updateDocumentInput,
  type ClauseInput,
  type DocumentClassification,
  type DocumentDetail,
  type DocumentKind,
  type DocumentSystem,
} from '../../../contracts/documents.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { isApiError } from '../../lib/api.ts';
import { apiFieldErrors, errorMessage, zodFieldErrors, type FieldErrors } from '../../lib/errors.ts';
import { previewClauses, useCreateDocument, useDocument, useSetClauses, useUpdateDocument } from './api.ts';
import { documentTitle } from './DocumentBits.tsx';

interface Values {
  kind: DocumentKind;
  system: DocumentSystem | '';
  numberSymbol: string;
  issuerName: string;
  issuedOn: string;
  summary: string;
  term: string;
  plenum: number | '';
  classification: DocumentClassification;
  body: string;
  clausesText: string;
}

const clausesToText = (clauses: DocumentDetail['clauses']) => clauses.map((c) => `${c.label}. ${c.text}`).join('\n');

function valuesOf(d: DocumentDetail | undefined): Values {
  return {
    kind: d?.kind ?? 'nghi_quyet',
    system: d && !d.symbol ? d.system : '',
    numberSymbol: d?.symbol ?? '',
    issuerName: d?.issuerName ?? '',
    issuedOn: d?.issuedOn ?? '',
    summary: d?.summary ?? '',
    term: d?.term ?? '',
    plenum: d?.plenum ?? '',
    classification: d?.classification ?? 'normal',
    body: d?.body ?? '',
    clausesText: d ? clausesToText(d.clauses) : '',
  };
}

/** Number/symbol problems come back as document.invalid_number with a coded reason. */
function numberReason(t: (k: string) => string, e: unknown): string | undefined {
  if (!isApiError(e, 'document.invalid_number') || typeof e.params.reason !== 'string') return undefined;
  return t(`documentNumberError.${e.params.reason}`);
}

/** A proposal from the reference finder arrives in the address (?kind=…&numberSymbol=…). */
function prefill(p: URLSearchParams): Partial<Values> {
  const out: Partial<Values> = {};
  const kind = p.get('kind');
  if (kind && (DOCUMENT_KINDS as readonly string[]).includes(kind)) out.kind = kind as DocumentKind;
  const system = p.get('system');
  if (system && (DOCUMENT_SYSTEMS as readonly string[]).includes(system)) out.system = system as DocumentSystem;
  for (const k of ['numberSymbol', 'issuerName', 'issuedOn', 'summary', 'term'] as const) {
    const val = p.get(k);
    if (val) out[k] = val;
  }
  const plenum = Number(p.get('plenum'));
  if (plenum) out.plenum = plenum;
  return out;
}

function DocumentForm({ doc, initial }: { doc?: DocumentDetail; initial?: Partial<Values> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateDocument();
  const update = useUpdateDocument(doc?.id ?? '');
  const setClauses = useSetClauses(doc?.id ?? '');
  const [v, setV] = useState<Values>(() => ({ ...valuesOf(doc), ...initial }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [preview, setPreview] = useState<ClauseInput[] | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Values>(k: K, val: Values[K]) => setV((s) => ({ ...s, [k]: val }));

  const recognise = async (): Promise<ClauseInput[] | null> => {
    setPreviewError(null);
    if (!v.clausesText.trim()) {
      setPreview([]);
      return [];
    }
    try {
      const r = await previewClauses(v.clausesText);
      setPreview(r.clauses);
      return r.clauses;
    } catch (e) {
      setPreviewError(e);
      return null;
    }
  };

  const fields = () => ({
    kind: v.kind,
    ...(v.system && !v.numberSymbol.trim() ? { system: v.system } : {}),
    numberSymbol: v.numberSymbol.trim() || null,
    issuerName: v.issuerName,
    issuedOn: v.issuedOn || null,
    summary: v.summary,
    term: v.term.trim() || null,
    plenum: v.plenum === '' ? null : v.plenum,
    classification: v.classification,
    body: v.body.trim() ? v.body : null,
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaveError(null);
    const clausesChanged = v.clausesText !== (doc ? clausesToText(doc.clauses) : '');
    if (!doc) {
      const clauses = clausesChanged ? await recognise() : [];
      if (clauses === null) return;
      const parsed = createDocumentInput.safeParse({ ...fields(), clauses });
      if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
      setErrors({});
      setSaving(true);
      create.mutate(parsed.data, {
        onSuccess: (d) => {
          notifications.show({ color: 'green', message: t('documents.saved', { symbol: documentTitle(t, d) }) });
          void navigate(`/documents/${d.id}`);
        },
        onError: (err) => {
          setErrors(apiFieldErrors(t, err));
          setSaveError(err);
        },
        onSettled: () => setSaving(false),
      });
      return;
    }
    const parsed = updateDocumentInput.safeParse({ version: doc.version, ...fields() });
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
    setErrors({});
    setSaving(true);
    try {
      let saved = await update.mutateAsync(parsed.data);
      if (clausesChanged) {
        const clauses = await recognise();
        if (clauses === null) return;
        saved = await setClauses.mutateAsync({ version: saved.version, clauses });
      }
      notifications.show({ color: 'green', message: t('documents.saved', { symbol: documentTitle(t, saved) }) });
      void navigate(`/documents/${saved.id}`);
    } catch (err) {
      setErrors(apiFieldErrors(t, err));
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  };

  const w = { base: '100%', sm: 240 };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md" maw={880}>
        {saveError !== null && (
          <Alert color={isApiError(saveError, 'stale_version') ? 'yellow' : 'red'} role="alert">
            {errorMessage(t, saveError)}
          </Alert>
        )}
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Group gap="sm" align="flex-start" wrap="wrap">
              <Select
                label={t('documents.kind')}
                required
                data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documentKind.${k}`) }))}
                value={v.kind}
                onChange={(k) => k && set('kind', k as DocumentKind)}
                allowDeselect={false}
                searchable
                error={errors.kind}
                w={w}
              />
              <TextInput
                label={t('documents.numberSymbol')}
                description={t('documents.numberSymbolHint')}
                value={v.numberSymbol}
                onChange={(e) => set('numberSymbol', e.currentTarget.value)}
                error={errors.numberSymbol ?? numberReason(t, saveError)}
                w={{ base: '100%', sm: 300 }}
              />
              {!v.numberSymbol.trim() && (
                <Select
                  label={t('documents.system')}
                  data={DOCUMENT_SYSTEMS.map((s) => ({ value: s, label: t(`documentSystem.${s}`) }))}
                  value={v.system || null}
                  onChange={(s) => set('system', (s ?? '') as DocumentSystem | '')}
                  clearable
                  error={errors.system}
                  w={w}
                />
              )}
            </Group>
            <Group gap="sm" align="flex-start" wrap="wrap">
              <TextInput label={t('documents.issuer')} required value={v.issuerName} onChange={(e) => set('issuerName', e.currentTarget.value)} error={errors.issuerName} w={{ base: '100%', sm: 320 }} />
              <DateField label={t('documents.issuedOn')} value={v.issuedOn} onChange={(d) => set('issuedOn', d)} error={errors.issuedOn} w={{ base: '100%', sm: 170 }} />
              <TextInput label={t('documents.term')} placeholder="XII" value={v.term} onChange={(e) => set('term', e.currentTarget.value)} error={errors.term} w={{ base: '100%', sm: 100 }} />
              <NumberInput label={t('documents.plenum')} min={1} max={30} value={v.plenum} onChange={(n) => set('plenum', typeof n === 'number' ? n : '')} error={errors.plenum} w={{ base: '100%', sm: 170 }} />
            </Group>
            <Textarea label={t('documents.summary')} required autosize minRows={2} value={v.summary} onChange={(e) => set('summary', e.currentTarget.value)} error={errors.summary} />
            <Select
              label={t('documents.classification')}
              data={DOCUMENT_CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))}
              value={v.classification}
              onChange={(c) => c && set('classification', c as DocumentClassification)}
              allowDeselect={false}
              w={w}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Textarea label={t('documents.clausesText')} autosize minRows={4} maxRows={16} value={v.clausesText} onChange={(e) => set('clausesText', e.currentTarget.value)} error={errors.clauses} />
            <Group gap="xs">
              <Button variant="light" onClick={() => void recognise()}>
                {t('documents.clausesPreview')}
              </Button>
              {preview && (
                <Text size="sm" role="status">
                  {t('documents.clausesFound', { count: preview.length })}
                </Text>
              )}
            </Group>
            {previewError !== null && (
              <Text c="red" size="sm" role="alert">
                {errorMessage(t, previewError)}
              </Text>
            )}
            {preview && preview.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
                {preview.map((c) => (
                  <li key={c.ref}>
                    <Text size="sm">
                      <b>{c.label}</b> ({c.ref}): {c.text.slice(0, 140)}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
            <Textarea label={t('documents.body')} autosize minRows={3} maxRows={12} value={v.body} onChange={(e) => set('body', e.currentTarget.value)} error={errors.body} />
          </Stack>
        </Paper>
        <Group gap="xs">
          <Button type="submit" loading={saving}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={() => void navigate(-1)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Create (/documents/new) or edit (/documents/:id/edit) a registry entry. */
export function DocumentFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const doc = useDocument(id);
  if (!id)
    return (
      <>
        <PageHeader title={t('documents.createTitle')} />
        <DocumentForm initial={prefill(params)} />
      </>
    );
  if (doc.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (doc.isError) return <ErrorState error={doc.error} onRetry={() => void doc.refetch()} />;
  return (
    <>
      <PageHeader title={t('documents.editTitle', { symbol: documentTitle(t, doc.data) })} />
      <DocumentForm key={doc.data.version} doc={doc.data} />
    </>
  );
}
