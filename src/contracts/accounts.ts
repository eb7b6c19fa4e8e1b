import { z } from 'zod';
import { ROLES } from './roles.ts';
import { communeCode, pageOf, pageQuery, text, uuid } from './common.ts';
import { abilitiesSchema } from './organisation.ts';

export const PASSWORD_MIN_LENGTH = 10;
const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'username');
const password = z.string().min(1).max(256);
/** Optional e-mail address (lower-cased); null or '' clears it. */
const email = z
  .union([z.literal(''), z.email().max(254)])
  .nullable()
  .transform((v) => (v ? v.toLowerCase() : null));

export const loginInput = z.strictObject({ username: z.string().trim().toLowerCase().min(1).max(64), password });
export const changePasswordInput = z.strictObject({
  currentPassword: password,
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(256),
});

export const userSchema = z.object({
  id: uuid,
  username: z.string(),
  displayName: z.string(),
  /** For notification e-mails; null when not given. */
  email: z.string().nullable(),
  unitId: uuid,
  unitName: z.string(),
  roles: z.array(z.enum(ROLES)),
  scopeUnitIds: z.array(uuid),
  communeCodes: z.array(z.string()),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  abilities: abilitiesSchema,
});
export type User = z.infer<typeof userSchema>;

export const meSchema = z.object({
  user: userSchema,
  csrfToken: z.string(),
  /** What the navigation may show. */
  can: z.record(z.string(), z.boolean()),
});
export type Me = z.infer<typeof meSchema>;

export const userListQuery = pageQuery.extend({ q: z.string().max(200).optional(), unitId: uuid.optional() });
export const userPage = pageOf(userSchema);

export const createUserInput = z.strictObject({
  username,
  displayName: text(120),
  email: email.optional(),
  unitId: uuid,
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  scopeUnitIds: z.array(uuid).max(50).optional(),
  communeCodes: z.array(communeCode).max(500).optional(),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(256),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z.strictObject({
  version: z.number().int(),
  displayName: text(120).optional(),
  email: email.optional(),
  unitId: uuid.optional(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
  scopeUnitIds: z.array(uuid).max(50).optional(),
  communeCodes: z.array(communeCode).max(500).optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const resetPasswordInput = z.strictObject({ newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(256) });
