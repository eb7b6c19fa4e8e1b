import type { Role } from '../../contracts/roles.ts';
import type { UnitType, UnitLevel } from '../../contracts/organisation.ts';
import { operatorActor } from '../kernel/actor.ts';
import type { Ctx } from '../kernel/context.ts';
import { inTransaction } from '../db/tx.ts';
import { writeAudit } from '../kernel/audit.ts';
import { HCMC_COMMUNES } from '../modules/organisation/reference/admin-units.ts';
import { loadReferenceJurisdictions } from '../modules/organisation/jurisdiction.service.ts';
import { makePerson, makeUnit, makeUser } from './factories.ts';
import { findUnitByCode } from '../modules/organisation/unit.repository.ts';
import { loadDemoCoordination } from './demo-coordination.ts';
import { loadDemoTasks } from './demo-tasks.ts';
import { loadDemoIncidents } from './demo-incidents.ts';
import { loadDemoTips } from './demo-tips.ts';
import { loadDemoCampaigns } from './demo-campaigns.ts';
import { loadDemoReviews } from './demo-reviews.ts';

/**
 * The demo city: Ho Chi Minh City's leadership bodies, its police with their departments and a
 * police unit for every one of the 168 communes, departments of the city government, the mass
 * organisations, Ban Chỉ đạo 138, people with positions and ranks, and the demo accounts.
 * Unit names follow the domain notes (shared/domain §3); people are fictional.
 */
export const DEMO_USERS = [
  { username: 'admin', displayName: 'Quản trị hệ thống', unit: 'CATP-PV01', roles: ['system_admin'] as Role[], label: 'system administrator' },
  { username: 'lanhdao', displayName: 'Lãnh đạo Thành phố', unit: 'TU-HCM-BTV', roles: ['leader'] as Role[], scope: ['HCM'], label: 'city leader' },
  { username: 'thammuu', displayName: 'Cán bộ Phòng Tham mưu', unit: 'CATP-PV01', roles: ['staff_officer'] as Role[], scope: ['CATP'], label: 'staff officer, city police' },
  { username: 'canbo.benthanh', displayName: 'Cán bộ Công an phường Bến Thành', unit: 'CAX-26743', roles: ['unit_officer'] as Role[], communes: ['26743'], label: 'officer, Công an phường Bến Thành' },
  { username: 'canbo.saigon', displayName: 'Cán bộ Công an phường Sài Gòn', unit: 'CAX-26740', roles: ['unit_officer'] as Role[], communes: ['26740'], label: 'officer, Công an phường Sài Gòn' },
  { username: 'theodoi', displayName: 'Người xem báo cáo', unit: 'UBND-HCM', roles: ['viewer'] as Role[], scope: ['HCM'], label: 'viewer' },
] as const;

interface U {
  code: string;
  name: string;
  shortName?: string;
  type: UnitType;
  level: UnitLevel;
  children?: U[];
  communeCode?: string;
}

const policeDepartments: [string, string][] = [
  ['PV01', 'Phòng Tham mưu'],
  ['PX01', 'Phòng Tổ chức cán bộ'],
  ['PX03', 'Phòng Công tác đảng và công tác chính trị'],
  ['PA04', 'Phòng An ninh kinh tế'],
  ['PA05', 'Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao'],
  ['PC01', 'Văn phòng Cơ quan Cảnh sát điều tra'],
  ['PC02', 'Phòng Cảnh sát hình sự'],
  ['PC03', 'Phòng Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu, môi trường'],
  ['PC04', 'Phòng Cảnh sát điều tra tội phạm về ma túy'],
  ['PC06', 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội'],
  ['PC08', 'Phòng Cảnh sát giao thông'],
  ['PK02', 'Phòng Cảnh sát cơ động'],
];

function communePolice(): U[] {
  return HCMC_COMMUNES.map((c) => ({
    code: `CAX-${c.code}`,
    name: `Công an ${c.fullName.charAt(0).toLowerCase()}${c.fullName.slice(1)}`,
    type: 'police_unit' as const,
    level: 'commune' as const,
    communeCode: c.code,
  }));
}

export function demoTree(): U[] {
  return [
    {
      code: 'TW',
      name: 'Trung ương',
      type: 'administrative_area',
      level: 'central',
      children: [
        { code: 'BCA', name: 'Bộ Công an', type: 'police_unit', level: 'central' },
        { code: 'DUCATW-BTV', name: 'Ban Thường vụ Đảng ủy Công an Trung ương', type: 'party_committee', level: 'central' },
      ],
    },
    {
      code: 'HCM',
      name: 'Thành phố Hồ Chí Minh',
      shortName: 'TP.HCM',
      type: 'administrative_area',
      level: 'city',
      children: [
        {
          code: 'TU-HCM',
          name: 'Thành ủy Thành phố Hồ Chí Minh',
          type: 'party_committee',
          level: 'city',
          children: [{ code: 'TU-HCM-BTV', name: 'Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh', type: 'party_committee', level: 'city' }],
        },
        {
          code: 'UBND-HCM',
          name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
          shortName: 'UBND Thành phố',
          type: 'state_body',
          level: 'city',
          children: [
            { code: 'SO-TP', name: 'Sở Tư pháp', type: 'department', level: 'city' },
            { code: 'SO-YT', name: 'Sở Y tế', type: 'department', level: 'city' },
            { code: 'SO-GDDT', name: 'Sở Giáo dục và Đào tạo', type: 'department', level: 'city' },
            { code: 'SO-CT', name: 'Sở Công Thương', type: 'department', level: 'city' },
            { code: 'SO-VHTT', name: 'Sở Văn hóa và Thể thao', type: 'department', level: 'city' },
            { code: 'SO-XD', name: 'Sở Xây dựng', type: 'department', level: 'city' },
          ],
        },
        {
          code: 'CATP',
          name: 'Công an Thành phố Hồ Chí Minh',
          shortName: 'Công an TP',
          type: 'police_unit',
          level: 'city',
          children: [
            ...policeDepartments.map(([code, name]) => ({ code: `CATP-${code}`, name, shortName: code, type: 'department' as const, level: 'city' as const })),
            { code: 'CATP-PC07', name: 'Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ', shortName: 'PC07', type: 'fire_rescue_police', level: 'city' },
            ...communePolice(),
          ],
        },
        {
          code: 'MTTQ-HCM',
          name: 'Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố Hồ Chí Minh',
          shortName: 'MTTQ Thành phố',
          type: 'mass_organisation',
          level: 'city',
          children: [
            { code: 'DTN-HCM', name: 'Thành Đoàn Thành phố Hồ Chí Minh', shortName: 'Đoàn Thanh niên', type: 'mass_organisation', level: 'city' },
            { code: 'HLHPN-HCM', name: 'Hội Liên hiệp Phụ nữ Thành phố', type: 'mass_organisation', level: 'city' },
            { code: 'HCCB-HCM', name: 'Hội Cựu chiến binh Thành phố', type: 'mass_organisation', level: 'city' },
            { code: 'HND-HCM', name: 'Hội Nông dân Thành phố', type: 'mass_organisation', level: 'city' },
            { code: 'LDLD-HCM', name: 'Liên đoàn Lao động Thành phố', type: 'mass_organisation', level: 'city' },
          ],
        },
        {
          code: 'BCD138-HCM',
          name: 'Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc Thành phố',
          shortName: 'Ban Chỉ đạo 138',
          type: 'steering_committee',
          level: 'city',
        },
      ],
    },
  ];
}

const DEMO_PEOPLE: [unit: string, name: string, rank: string | null, title: string][] = [
  ['CATP', 'Trần Minh Khôi', 'Trung tướng', 'Giám đốc'],
  ['CATP', 'Lê Quang Hưng', 'Thiếu tướng', 'Phó Giám đốc'],
  ['CATP-PV01', 'Phạm Thị Lan', 'Đại tá', 'Trưởng phòng'],
  ['CATP-PC02', 'Võ Thành Nam', 'Đại tá', 'Trưởng phòng'],
  ['CATP-PA05', 'Đặng Hoàng Yến', 'Thượng tá', 'Phó Trưởng phòng'],
  ['CAX-26743', 'Nguyễn Văn Đạt', 'Trung tá', 'Trưởng Công an phường'],
  ['CAX-26743', 'Huỳnh Thị Mai', 'Đại úy', 'Cán bộ'],
  ['CAX-26740', 'Bùi Quốc Bảo', 'Thượng tá', 'Trưởng Công an phường'],
  ['CAX-26740', 'Lý Thanh Tâm', 'Thiếu tá', 'Phó Trưởng Công an phường'],
  ['TU-HCM-BTV', 'Hoàng Gia Minh', null, 'Phó Bí thư Thành ủy'],
  ['UBND-HCM', 'Đỗ Ngọc Ánh', null, 'Phó Chủ tịch'],
  ['MTTQ-HCM', 'Trương Thị Hạnh', null, 'Phó Chủ tịch'],
  ['BCD138-HCM', 'Phan Văn Tú', 'Đại tá', 'Chánh Văn phòng Ban Chỉ đạo'],
];

export async function isDemoLoaded(ctx: Ctx): Promise<boolean> {
  return !!(await ctx.db.selectFrom('app_meta').select('key').where('key', '=', 'demo_loaded').executeTakeFirst());
}

/**
 * The organisation of Ho Chi Minh City (public structure: leadership bodies, city government,
 * police departments, a police unit per commune, mass organisations, Ban Chỉ đạo 138), without
 * people or accounts. Used by the demo city and by `phoihop seed organisation` on a production
 * install. Returns the ids by unit code; skips units whose code already exists.
 */
export async function loadOrganisation(ctx: Ctx): Promise<Map<string, string>> {
  const op = operatorActor('seed');
  await loadReferenceJurisdictions(ctx, op);
  const ids = new Map<string, string>();
  const walk = async (list: U[], parentId: string | null) => {
    for (const u of list) {
      const existing = await findUnitByCode(ctx.db, u.code);
      const id =
        existing?.id ??
        (await makeUnit(ctx, { code: u.code, name: u.name, shortName: u.shortName ?? null, type: u.type, level: u.level, parentId, communeCode: u.communeCode ?? null, validFrom: '2025-07-01' }, op)).id;
      ids.set(u.code, id);
      if (u.children) await walk(u.children, id);
    }
  };
  await walk(demoTree(), null);
  return ids;
}

export async function loadDemoCity(ctx: Ctx, password: string): Promise<{ units: number; users: number }> {
  if (await isDemoLoaded(ctx)) return { units: 0, users: 0 };
  const op = operatorActor('demo');
  const ids = await loadOrganisation(ctx);
  const units = ids.size;
  for (const [unit, name, rank, title] of DEMO_PEOPLE) await makePerson(ctx, ids.get(unit)!, name, rank, title);
  for (const u of DEMO_USERS) {
    await makeUser(
      ctx,
      {
        username: u.username,
        displayName: u.displayName,
        unitId: ids.get(u.unit)!,
        roles: [...u.roles],
        password,
        scopeUnitIds: 'scope' in u ? u.scope.map((c) => ids.get(c)!) : [],
        communeCodes: 'communes' in u ? [...u.communes] : [],
      },
      op,
    );
  }
  await loadDemoCoordination(ctx);
  await loadDemoTasks(ctx);
  await loadDemoIncidents(ctx);
  await loadDemoTips(ctx);
  await loadDemoCampaigns(ctx);
  await loadDemoReviews(ctx);
  await (await import('./demo-awards.ts')).loadDemoAwards(ctx);
  await inTransaction(ctx.db, async (trx) => {
    await trx.insertInto('app_meta').values({ key: 'demo_loaded', value: JSON.stringify({ at: new Date().toISOString() }) }).execute();
    await writeAudit(trx, op, { action: 'demo.loaded', entityType: 'system', entityId: null, data: { units, users: DEMO_USERS.length } });
  });
  return { units, users: DEMO_USERS.length };
}
