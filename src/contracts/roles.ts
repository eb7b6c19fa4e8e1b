/**
 * Roles of the platform. A role says what a user may do; the user's scope (unit subtree and
 * assigned communes) says on which records. See docs/decisions/004-roles-and-scope.md.
 */
export const ROLES = ['system_admin', 'leader', 'staff_officer', 'unit_officer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
