import type { TFunction } from 'i18next';
import { ROLES } from '../../../contracts/roles.ts';

export const roleOptions = (t: TFunction) => ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
