import { Anchor, Breadcrumbs, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { useUnitPath } from './api.ts';
import { UnitDetail } from './UnitDetail.tsx';
import { UnitList } from './UnitList.tsx';

/**
 * Organisation browser. The URL holds the state (q, parent, unit, offset) so that a view can be
 * bookmarked and the back button works.
 */
export function OrganisationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const parentId = params.get('parent');
  const unitId = params.get('unit');
  const offset = Number(params.get('offset') ?? 0) || 0;

  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  const path = useUnitPath(q ? null : parentId);

  return (
    <>
      <PageHeader title={t('organisation.title')} />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <SearchBox label={t('organisation.searchLabel')} value={q} onChange={(v) => update({ q: v, offset: null, parent: v ? null : parentId })} />
            {!q && (
              <nav aria-label={t('organisation.breadcrumb')}>
                <Breadcrumbs separatorMargin={4} style={{ flexWrap: 'wrap' }}>
                  <Anchor component="button" type="button" size="sm" onClick={() => update({ parent: null, offset: null })} aria-current={parentId ? undefined : 'location'}>
                    {t('organisation.top')}
                  </Anchor>
                  {(path.data ?? []).map((u, i, all) =>
                    i === all.length - 1 ? (
                      <Text key={u.id} size="sm" fw={600} aria-current="location">
                        {u.shortName ?? u.name}
                      </Text>
                    ) : (
                      <Anchor key={u.id} component="button" type="button" size="sm" onClick={() => update({ parent: u.id, offset: null })}>
                        {u.shortName ?? u.name}
                      </Anchor>
                    ),
                  )}
                </Breadcrumbs>
              </nav>
            )}
            <Title order={3} size="h5">
              {q ? t('organisation.searchResults') : parentId ? t('organisation.children') : t('organisation.top')}
            </Title>
            <UnitList
              browse={{ q, parentId, offset }}
              selectedId={unitId}
              onSelect={(id) => update({ unit: id })}
              onOpen={(id) => update({ parent: id, q: null, offset: null, unit: id })}
              onOffset={(o) => update({ offset: o ? String(o) : null })}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          {unitId ? (
            <UnitDetail
              key={unitId}
              id={unitId}
              onSelect={(id) => update({ unit: id })}
              onBrowse={(id) => update({ parent: id, q: null, offset: null })}
            />
          ) : (
            <Paper withBorder p="md" component="section" aria-label={t('organisation.detail')}>
              <Text c="dimmed">{t('organisation.noneSelected')}</Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
