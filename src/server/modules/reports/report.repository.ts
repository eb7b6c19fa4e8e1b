import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';

/**
 * Read-only look-up in the documents registry (table `documents`, owned by the documents module,
 * which also enforces uniqueness: one number and symbol per register year). The register of a
 * generated document is its symbol's type and issuer for the year (NĐ 30/2020 Điều 15: "số và ký
 * hiệu văn bản … là duy nhất trong một năm"; how numbers are allotted is left to the head of the
 * body): "15/BC-CATP" and "16/BC-CATP" share a register.
 */
export async function maxNumberInRegister(db: Db | Tx, system: 'state' | 'party', symbolTail: string, year: number): Promise<number> {
  // Symbols hold letters, digits, "&", "-" and "/" only (document-number.ts), never LIKE wildcards.
  const pattern = system === 'party' ? `%-${symbolTail}` : `%/${symbolTail}`;
  const r = await db
    .selectFrom('documents')
    .select(sql<number | null>`max(number)`.as('max'))
    .where('system', '=', system)
    .where('register_year', '=', year)
    .where('symbol', 'like', pattern)
    .executeTakeFirst();
  return Number(r?.max ?? 0);
}
