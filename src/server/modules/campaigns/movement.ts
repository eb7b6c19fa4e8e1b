/**
 * Pure rules of the mass movement "Toàn dân bảo vệ an ninh Tổ quốc" (shared/domain §7.3): bounds
 * that catch typing errors, and results beside counts — a movement is judged by what it yields
 * (tips received from the commune, tips that opened or joined a situation) per session held and
 * per team member, not by the number of meetings ("nhiều phong trào còn mang tính hình thức",
 * HCMC police review 2017, shared/product/comparable-systems.md §1f).
 *
 * Bounds [M — chosen, not law]: a propaganda session (buổi tuyên truyền) reaches at most 5,000
 * people (a ward's Ngày hội gathers hundreds to a few thousand); a grassroots security and order
 * team (tổ bảo vệ an ninh, trật tự ở cơ sở, Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ
 * sở 2023 — a team per thôn / tổ dân phố) has at most 100 members.
 */
export const MAX_AUDIENCE = 5000;
export const MAX_TEAM_MEMBERS = 100;

export function checkCount(value: number, max: number): { code: 'negative_value' | 'implausible_value'; max: number } | null {
  if (!Number.isInteger(value) || value < 0) return { code: 'negative_value', max };
  if (value > max) return { code: 'implausible_value', max };
  return null;
}

/** a / b rounded to two decimals; null when b is zero (no sessions, no members: no ratio). */
export const ratio = (a: number, b: number, per = 1): number | null => (b > 0 ? Math.round(((a * per) / b) * 100) / 100 : null);

export interface MovementCounts {
  sessions: number;
  audience: number;
  teams: number;
  teamMembers: number;
  models: number;
  tips: number;
  tipsLinked: number;
}

export function withResults(c: MovementCounts) {
  return { ...c, tipsPerSession: ratio(c.tips, c.sessions), tipsPer100Members: ratio(c.tips, c.teamMembers, 100) };
}

/** A commune with nothing recorded yet. */
export const zeroCounts = (): MovementCounts => ({ sessions: 0, audience: 0, teams: 0, teamMembers: 0, models: 0, tips: 0, tipsLinked: 0 });
