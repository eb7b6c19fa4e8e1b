import type { TFunction } from 'i18next';
import { UNIT_LEVELS, UNIT_TYPES } from '../../../contracts/organisation.ts';

export const unitTypeOptions = (t: TFunction) => UNIT_TYPES.map((v) => ({ value: v, label: t(`unitType.${v}`) }));
export const unitLevelOptions = (t: TFunction) => UNIT_LEVELS.map((v) => ({ value: v, label: t(`unitLevel.${v}`) }));
