import { Button, Group, Paper, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { UnitPicker } from '../organisation/UnitPicker.tsx';

/** One coordinating unit being added to a task, with its own part of the work. */
export interface CoordinatorRow {
  key: number;
  unitId: string | null;
  unitName: string;
  part: string;
}

/**
 * Editable rows of coordinating units (unit picker + part), used by the assign form and the task
 * edit dialog. Labels and field errors come from the caller (the two forms send different paths).
 */
export function CoordinatorRows({
  rows,
  onChange,
  labels,
  unitError,
  partError,
}: {
  rows: CoordinatorRow[];
  onChange: (rows: CoordinatorRow[]) => void;
  labels: { unit: (n: number) => string; part: (n: number) => string; remove: (n: number) => string; add: string };
  unitError: (i: number) => string | undefined;
  partError: (i: number) => string | undefined;
}) {
  const update = (key: number, patch: Partial<CoordinatorRow>) => onChange(rows.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const nextKey = rows.reduce((m, r) => Math.max(m, r.key), 0) + 1;
  return (
    <>
      {rows.map((c, i) => (
        <Paper key={c.key} withBorder p="sm" bg="gray.0">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <div style={{ flex: '1 1 220px' }}>
              <UnitPicker label={labels.unit(i + 1)} required value={c.unitId} valueLabel={c.unitName} onChange={(id, u) => update(c.key, { unitId: id, unitName: u?.name ?? '' })} error={unitError(i)} />
            </div>
            <TextInput label={labels.part(i + 1)} value={c.part} onChange={(e) => update(c.key, { part: e.currentTarget.value })} error={partError(i)} style={{ flex: '2 1 240px' }} />
            <Button variant="subtle" color="red" onClick={() => onChange(rows.filter((x) => x.key !== c.key))} aria-label={labels.remove(i + 1)}>
              <IconTrash size={16} aria-hidden />
            </Button>
          </Group>
        </Paper>
      ))}
      <Button variant="light" w="fit-content" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => onChange([...rows, { key: nextKey, unitId: null, unitName: '', part: '' }])}>
        {labels.add}
      </Button>
    </>
  );
}
