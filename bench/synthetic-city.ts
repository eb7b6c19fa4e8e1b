/**
 * Synthetic city for benchmarks: a deterministic (seeded) organisation shaped like Ho Chi Minh
 * City's — city leadership bodies, the city government and its departments, the city police with
 * its departments, a police unit for each of the 168 communes, the mass organisations — topped up
 * with teams (đội, tổ công tác) until it has N units, and M user accounts with Vietnamese names.
 *
 * Rows are written with batched multi-row INSERTs (the use cases insert one unit per transaction
 * with an audit row each, far too slow for tens of thousands of rows), but every row satisfies
 * the invariants the use cases maintain: materialised `path`, `search_text` from `foldForSearch`,
 * `sort_key` from `vietnameseSortKey`, Argon2id password hashes from the accounts module (hashed
 * once, reused for every synthetic user), each user's own unit in their scope. One audit row records
 * the load, so the audit chain still verifies.
 */
import type { UnitLevel, UnitType } from '../src/contracts/organisation.ts';
import type { Role } from '../src/contracts/roles.ts';
import { inTransaction } from '../src/server/db/tx.ts';
import type { Db } from '../src/server/db/schema.ts';
import { operatorActor } from '../src/server/kernel/actor.ts';
import { writeAudit } from '../src/server/kernel/audit.ts';
import type { Ctx } from '../src/server/kernel/context.ts';
import { foldForSearch, vietnameseSortKey } from '../src/server/kernel/text.ts';
import { hashPassword } from '../src/server/modules/accounts/password.ts';
import { loadReferenceJurisdictions } from '../src/server/modules/organisation/jurisdiction.service.ts';
import { HCMC_COMMUNES } from '../src/server/modules/organisation/reference/admin-units.ts';

export const SYNTHETIC_PASSWORD = 'Bench-mat-khau-2026';
export const SYNTHETIC_CODE_PREFIX = 'SYN-';

/** mulberry32: small, fast, good enough for test data, identical on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** A UUID v4 drawn from the seeded generator, so ids (and therefore paths) are reproducible. */
function uuidFrom(r: Rand): string {
  const b = Array.from({ length: 16 }, () => Math.floor(r() * 256));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trương', 'Đinh', 'Lâm', 'Mai'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Quốc', 'Thanh', 'Hữu', 'Ngọc', 'Đức', 'Hoàng', 'Thu', 'Kim', 'Gia', 'Bảo', 'Xuân', 'Anh'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hùng', 'Hương', 'Khoa', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Nhung', 'Phong', 'Phúc', 'Quân', 'Quyên', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Trang', 'Trí', 'Trung', 'Tuấn', 'Uyên', 'Vinh', 'Yến'];
const TEAM_KINDS = ['Đội Cảnh sát khu vực', 'Tổ công tác địa bàn', 'Đội An ninh', 'Đội Cảnh sát hình sự', 'Tổ tuần tra', 'Tổ An ninh trật tự khu phố', 'Đội Cảnh sát giao thông', 'Tổ bảo vệ an ninh trật tự cơ sở'];
const QUARTERS = ['Bến Nghé', 'Tân Định', 'Đa Kao', 'Cầu Kho', 'Phú Thuận', 'Hòa Hưng', 'Bình Thạnh', 'Thảo Điền', 'Gò Vấp', 'Hiệp Bình', 'Tân Sơn Nhì', 'Long Trường', 'Phước Long', 'Bình Trị Đông', 'Chợ Lớn', 'Đông Hưng Thuận', 'Củ Chi', 'Nhà Bè', 'Cần Giờ', 'Thạnh Lộc'];

interface UnitSpec {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  type: UnitType;
  level: UnitLevel;
  parentId: string | null;
  path: string;
  communeCode: string | null;
}

export interface SyntheticCityOptions {
  units: number;
  users: number;
  seed?: number;
  /** Rows per INSERT statement. */
  batch?: number;
}

export interface SyntheticCity {
  units: number;
  users: number;
  /** Usernames of the synthetic users, in insertion order (all share SYNTHETIC_PASSWORD). */
  usernames: string[];
  /** Folded fragments of unit names, for search benchmarks (common and rare ones). */
  searchFragments: string[];
  timings: { hashMs: number; unitsMs: number; usersMs: number; totalMs: number };
}

/** Build the unit tree in memory: the HCMC shape first, then teams until there are `n` units. */
export function buildUnits(n: number, r: Rand): UnitSpec[] {
  const out: UnitSpec[] = [];
  let seq = 0;
  const add = (parent: UnitSpec | null, u: { name: string; shortName?: string; type: UnitType; level: UnitLevel; communeCode?: string }): UnitSpec => {
    const id = uuidFrom(r);
    const spec: UnitSpec = {
      id,
      code: `${SYNTHETIC_CODE_PREFIX}${String(++seq).padStart(6, '0')}`,
      name: u.name,
      shortName: u.shortName ?? null,
      type: u.type,
      level: u.level,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      communeCode: u.communeCode ?? null,
    };
    out.push(spec);
    return spec;
  };

  const central = add(null, { name: 'Trung ương', type: 'administrative_area', level: 'central' });
  add(central, { name: 'Bộ Công an', type: 'police_unit', level: 'central' });
  add(central, { name: 'Ban Thường vụ Đảng ủy Công an Trung ương', type: 'party_committee', level: 'central' });
  const city = add(null, { name: 'Thành phố Hồ Chí Minh', shortName: 'TP.HCM', type: 'administrative_area', level: 'city' });
  const tu = add(city, { name: 'Thành ủy Thành phố Hồ Chí Minh', type: 'party_committee', level: 'city' });
  add(tu, { name: 'Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh', type: 'party_committee', level: 'city' });
  const ubnd = add(city, { name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh', shortName: 'UBND Thành phố', type: 'state_body', level: 'city' });
  for (const s of ['Sở Tư pháp', 'Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Công Thương', 'Sở Văn hóa và Thể thao', 'Sở Xây dựng', 'Sở Tài chính', 'Sở Nội vụ'])
    add(ubnd, { name: s, type: 'department', level: 'city' });
  const catp = add(city, { name: 'Công an Thành phố Hồ Chí Minh', shortName: 'Công an TP', type: 'police_unit', level: 'city' });
  const departments: UnitSpec[] = [];
  for (const [code, name] of [
    ['PV01', 'Phòng Tham mưu'],
    ['PX01', 'Phòng Tổ chức cán bộ'],
    ['PA04', 'Phòng An ninh kinh tế'],
    ['PA05', 'Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao'],
    ['PC02', 'Phòng Cảnh sát hình sự'],
    ['PC03', 'Phòng Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu, môi trường'],
    ['PC04', 'Phòng Cảnh sát điều tra tội phạm về ma túy'],
    ['PC06', 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội'],
    ['PC08', 'Phòng Cảnh sát giao thông'],
    ['PK02', 'Phòng Cảnh sát cơ động'],
  ] as const)
    departments.push(add(catp, { name, shortName: code, type: 'department', level: 'city' }));
  departments.push(add(catp, { name: 'Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ', shortName: 'PC07', type: 'fire_rescue_police', level: 'city' }));
  const communes = HCMC_COMMUNES.map((c) =>
    add(catp, { name: `Công an ${c.fullName.charAt(0).toLowerCase()}${c.fullName.slice(1)}`, type: 'police_unit', level: 'commune', communeCode: c.code }),
  );
  const mttq = add(city, { name: 'Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố Hồ Chí Minh', shortName: 'MTTQ Thành phố', type: 'mass_organisation', level: 'city' });
  for (const m of ['Thành Đoàn Thành phố Hồ Chí Minh', 'Hội Liên hiệp Phụ nữ Thành phố', 'Hội Cựu chiến binh Thành phố', 'Hội Nông dân Thành phố', 'Liên đoàn Lao động Thành phố'])
    add(mttq, { name: m, type: 'mass_organisation', level: 'city' });
  add(city, { name: 'Ban Chỉ đạo 138 Thành phố', shortName: 'Ban Chỉ đạo 138', type: 'steering_committee', level: 'city' });

  // Teams: mostly under the commune police (about 9 in 10), the rest under the city departments.
  const perParent = new Map<string, number>();
  while (out.length < n) {
    const underCommune = r() < 0.9;
    const parent = underCommune ? pick(r, communes) : pick(r, departments);
    const k = (perParent.get(parent.id) ?? 0) + 1;
    perParent.set(parent.id, k);
    const kind = pick(r, TEAM_KINDS);
    const name = underCommune ? `${kind} ${pick(r, QUARTERS)} số ${k}` : `Đội ${k} ${parent.name.replace(/^Phòng /, '')}`;
    add(parent, { name, type: underCommune ? 'police_unit' : 'department', level: underCommune ? 'commune' : 'city', communeCode: parent.communeCode ?? undefined });
  }
  return out;
}

/** Generate and insert the synthetic city into an already migrated database. */
export async function loadSyntheticCity(ctx: Ctx, opts: SyntheticCityOptions): Promise<SyntheticCity> {
  const t0 = performance.now();
  const r = prng(opts.seed ?? 20260701);
  const batch = opts.batch ?? 500;
  const db: Db = ctx.db;
  const existing = await db.selectFrom('units').select('id').where('code', 'like', `${SYNTHETIC_CODE_PREFIX}%`).limit(1).executeTakeFirst();
  if (existing) throw new Error('This database already holds a synthetic city: point the benchmark at an empty database.');

  await loadReferenceJurisdictions(ctx, operatorActor('bench'));
  const units = buildUnits(opts.units, r);

  const tHash = performance.now();
  const passwordHash = await hashPassword(SYNTHETIC_PASSWORD);
  const hashMs = performance.now() - tHash;

  const tUnits = performance.now();
  // Parents come before children in `units`, so each batch only references committed rows.
  for (let i = 0; i < units.length; i += batch) {
    await db
      .insertInto('units')
      .values(
        units.slice(i, i + batch).map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name,
          short_name: u.shortName,
          type: u.type,
          level: u.level,
          parent_id: u.parentId,
          path: u.path,
          commune_code: u.communeCode,
          valid_from: '2025-07-01',
          search_text: foldForSearch([u.name, u.shortName ?? '', u.code].join(' ')),
          sort_key: vietnameseSortKey(u.name),
        })),
      )
      .execute();
  }
  const unitsMs = performance.now() - tUnits;

  const tUsers = performance.now();
  const usernames: string[] = [];
  const rows: { id: string; username: string; display_name: string; unit_id: string; password_hash: string; roles: Role[]; search_text: string }[] = [];
  const commune = units.filter((u) => u.level === 'commune');
  for (let i = 0; i < opts.users; i++) {
    const displayName = `${pick(r, SURNAMES)} ${pick(r, MIDDLE)} ${pick(r, GIVEN)}`;
    const username = `${foldForSearch(displayName).split(' ').slice(-1)[0]}.${String(i + 1).padStart(5, '0')}`;
    const unit = r() < 0.8 && commune.length ? pick(r, commune) : pick(r, units);
    const x = r();
    const roles: Role[] = x < 0.02 ? ['system_admin'] : x < 0.07 ? ['leader'] : x < 0.2 ? ['staff_officer'] : x < 0.9 ? ['unit_officer'] : ['viewer'];
    usernames.push(username);
    rows.push({ id: uuidFrom(r), username, display_name: displayName, unit_id: unit.id, password_hash: passwordHash, roles, search_text: foldForSearch(`${username} ${displayName}`) });
  }
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    await inTransaction(db, async (trx) => {
      await trx.insertInto('users').values(chunk).execute();
      // A user always sees their own unit's subtree (the accounts service maintains the same rule).
      await trx
        .insertInto('user_scope_units')
        .values(chunk.map((u) => ({ user_id: u.id, unit_id: u.unit_id })))
        .execute();
    });
  }
  const usersMs = performance.now() - tUsers;

  await inTransaction(db, (trx) =>
    writeAudit(trx, operatorActor('bench'), { action: 'bench.synthetic_city_loaded', entityType: 'system', data: { units: units.length, users: rows.length, seed: opts.seed ?? 20260701 } }),
  );

  // Fragments users type: a common word, a commune's name, a team kind, rare and missing ones.
  const fr = prng(7);
  const searchFragments = [
    'cong an',
    'phuong',
    'doi canh sat',
    'to tuan tra',
    'ben thanh',
    'sai gon',
    'cu chi',
    'an ninh mang',
    foldForSearch(pick(fr, QUARTERS)),
    foldForSearch(pick(fr, HCMC_COMMUNES).name),
    foldForSearch(pick(fr, HCMC_COMMUNES).name),
    'so 7',
    'khong co don vi nay',
  ];
  return {
    units: units.length,
    users: rows.length,
    usernames,
    searchFragments,
    timings: { hashMs: round(hashMs), unitsMs: round(unitsMs), usersMs: round(usersMs), totalMs: round(performance.now() - t0) },
  };
}

const round = (x: number): number => Math.round(x * 10) / 10;
