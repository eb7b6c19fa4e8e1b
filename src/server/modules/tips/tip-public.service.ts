import { FILE_TYPES } from '../../../contracts/files.ts';
import { TIP_FILE_MAX_BYTES, type TipIntakeInput, type TipPublicStatus } from '../../../contracts/tips.ts';
import type { Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError } from '../../kernel/errors.ts';
import { dummyHash, hashPassword, verifyPassword } from '../accounts/password.ts';
import { checkUpload } from '../files/file.ts';
import { storeCheckedFile } from '../files/file.service.ts';
import { HCMC_PROVINCE_CODE } from '../organisation/reference/admin-units.ts';
import { notifyUnitMembers } from '../notifications/notification.service.ts';
import { publishTip } from './tip.service.ts';
import { stripImageMetadata } from './image-metadata.ts';
import { issueChallenge, verifyChallenge } from './tip-challenge.ts';
import { formatTrackingCode, newSecret, newTrackingCode, normaliseCode, pointInCity, publicStatusOf } from './tip.ts';
import * as repo from './tip.repository.ts';
import type { TipOutcome, TipState } from '../../../contracts/tips.ts';

/**
 * The public side of tips (no login): challenge, intake, status, answers. The sender is known only
 * by a tracking code and a secret; only an Argon2id hash of the secret is stored. A wrong secret
 * and an unknown code answer exactly alike (same status, same body) after the same work: an
 * unknown code is verified against a dummy hash.
 */

/** Who acts on the public side (audit trail). No roles, no scope. */
export const PUBLIC_ACTOR: Actor = { kind: 'system', userId: null, username: 'public:tips', unitId: null, roles: [], scopeUnitIds: [], scopePaths: [], communeCodes: [] };

/** Types a tip may carry: images (metadata stripped) and documents. WebP is refused (no stripper). */
const TIP_FILE_TYPES = new Set(['jpeg', 'png', 'pdf', 'docx']);

/** A challenge for the public form; `difficulty` is lowered only by trusted callers (the demo loader). */
export async function getChallenge(ctx: Ctx, difficulty?: number): Promise<{ token: string; nonce: string; difficulty: number; expiresAt: string }> {
  const c = issueChallenge(await repo.challengeKey(ctx.db), ctx.now(), difficulty);
  return { token: c.token, nonce: c.nonce, difficulty: c.difficulty, expiresAt: c.expiresAt.toISOString() };
}

interface CheckedFile {
  filename: string;
  mime: string;
  bytes: Buffer;
  strippedBytes: number;
}

/** Decode, size-check, type-check (magic bytes) and strip metadata; nothing is stored here. */
export function checkTipFiles(list: TipIntakeInput['files']): CheckedFile[] {
  return list.map((f, i) => {
    const raw = Buffer.from(f.contentBase64, 'base64');
    const path = `files.${i}.contentBase64`;
    if (raw.length === 0) throw new DomainError('file.empty', {}, [{ path, code: 'empty' }]);
    if (raw.length > TIP_FILE_MAX_BYTES) throw new DomainError('file.too_large', { max: TIP_FILE_MAX_BYTES }, [{ path, code: 'too_large' }]);
    const checked = checkUpload(f.filename, raw);
    if (!TIP_FILE_TYPES.has(checked.type)) throw new DomainError('file.type_not_allowed', { allowed: [...TIP_FILE_TYPES] }, [{ path, code: 'type_not_allowed' }]);
    const bytes = stripImageMetadata(checked.type, raw);
    return { filename: checked.filename, mime: FILE_TYPES[checked.type].mime, bytes, strippedBytes: raw.length - bytes.length };
  });
}

export async function submitTip(ctx: Ctx, input: TipIntakeInput): Promise<{ trackingCode: string; secret: string }> {
  const now = ctx.now();
  const verdict = verifyChallenge(await repo.challengeKey(ctx.db), input.challenge, input.solution, now);
  if (!verdict.ok) throw new DomainError('tip.challenge_failed', { reason: verdict.reason });
  const commune = await repo.communeForTips(ctx.db, input.communeCode, HCMC_PROVINCE_CODE);
  if (!commune || !commune.policeUnitId) throw new DomainError('tip.unknown_commune', { communeCode: input.communeCode }, [{ path: 'communeCode', code: 'unknown_commune' }]);
  if (input.point && !pointInCity(input.point)) throw new DomainError('tip.point_outside_city', {}, [{ path: 'point', code: 'outside_city' }]);
  const checked = checkTipFiles(input.files);
  const reporter = input.reporter ?? null;
  const hasReporter = !!reporter && [reporter.name, reporter.phone, reporter.email, reporter.address].some((x) => x !== undefined && x !== '');
  const secret = newSecret();
  const secretHash = await hashPassword(normaliseCode(secret));
  const unitId = commune.policeUnitId;

  return inTransaction(ctx.db, async (trx) => {
    if (!(await repo.useChallengeNonce(trx, verdict.nonce, verdict.expiresAt, now))) throw new DomainError('tip.challenge_failed', { reason: 'used' });
    const fileIds: string[] = [];
    for (const f of checked) {
      fileIds.push((await storeCheckedFile(trx, { filename: f.filename, mime: f.mime, bytes: f.bytes, ownerUnitId: unitId })).id);
    }
    let trackingCode = newTrackingCode();
    while (await repo.findCredentialsByCode(trx, trackingCode)) trackingCode = newTrackingCode();
    const id = await repo.insertTip(trx, {
      trackingCode,
      secretHash,
      kind: input.kind,
      what: input.what,
      communeCode: commune.code,
      address: input.address,
      lat: input.point?.lat ?? null,
      lng: input.point?.lng ?? null,
      occurredAt: input.occurredAt ?? null,
      receivedAt: now,
      remote: commune.remote,
      unitId,
      hasReporter,
    });
    if (hasReporter && reporter) {
      await repo.insertReporter(trx, id, { name: reporter.name ?? null, phone: reporter.phone ?? null, email: reporter.email ?? null, address: reporter.address ?? null, keepSecret: reporter.keepSecret });
    }
    await repo.insertTipFiles(trx, id, fileIds);
    await repo.insertEvent(trx, { tipId: id, kind: 'submitted', actor: PUBLIC_ACTOR, unitId, data: { channel: 'portal', files: fileIds.length }, at: now });
    // The audit row names neither the sender nor the content.
    await writeAudit(trx, PUBLIC_ACTOR, {
      action: 'tip.submitted',
      entityType: 'tip',
      entityId: id,
      data: { kind: input.kind, communeCode: commune.code, receivingUnitId: unitId, hasReporter, files: checked.map((f, i) => ({ id: fileIds[i], mime: f.mime, size: f.bytes.length, metadataBytesRemoved: f.strippedBytes })) },
    });
    await notifyUnitMembers(trx, PUBLIC_ACTOR, { unitIds: [unitId], kind: 'tip_received', params: { tipId: id, trackingCode, communeName: commune.name } });
    await publishTip(trx, id, [unitId]);
    return { trackingCode, secret };
  });
}

/** Compute the dummy hash at start, so that the first unknown code takes no longer than the others. */
export function warmUpPublicTips(): void {
  void dummyHash();
}

/** The tip of these credentials, or the one refusal for "unknown code" and "wrong secret" alike. */
async function authenticate(db: Db, creds: { trackingCode: string; secret: string }): Promise<string> {
  const code = formatTrackingCode(creds.trackingCode);
  const found = await repo.findCredentialsByCode(db, code);
  // Always one Argon2 verification: against the stored hash, or a dummy one for an unknown code.
  const ok = await verifyPassword(found?.secretHash ?? (await dummyHash()), normaliseCode(creds.secret));
  if (!found || !ok) throw new DomainError('tip.not_found_or_wrong_secret');
  return found.id;
}

export async function tipPublicStatus(ctx: Ctx, creds: { trackingCode: string; secret: string }): Promise<TipPublicStatus> {
  const id = await authenticate(ctx.db, creds);
  const row = (await repo.findTipById(ctx.db, id))!;
  const questions = await repo.questionsOf(ctx.db, id);
  const notified = row.senderNotifiedAt !== null && row.outcomeKind !== null && row.outcomeDecidedOn !== null;
  return {
    trackingCode: row.trackingCode,
    status: publicStatusOf(row.state as TipState),
    submittedAt: new Date(row.receivedAt).toISOString(),
    questions: questions.map((q) => ({ id: q.id, question: q.question, askedAt: new Date(q.askedAt).toISOString(), answer: q.answer, answeredAt: q.answeredAt ? new Date(q.answeredAt).toISOString() : null })),
    outcome: notified ? { kind: row.outcomeKind as TipOutcome, decidedOn: row.outcomeDecidedOn!, notifiedAt: new Date(row.senderNotifiedAt!).toISOString() } : null,
  };
}

export async function answerTipQuestion(ctx: Ctx, input: { trackingCode: string; secret: string; questionId: string; answer: string }): Promise<TipPublicStatus> {
  const id = await authenticate(ctx.db, input);
  const now = ctx.now();
  await inTransaction(ctx.db, async (trx) => {
    const tip = (await repo.findTipById(trx, id, true))!;
    const q = await repo.findQuestion(trx, id, input.questionId);
    if (!q) throw new DomainError('tip.unknown_question', {}, [{ path: 'questionId', code: 'unknown_question' }]);
    if (q.answer !== null) throw new DomainError('tip.question_answered');
    await repo.answerQuestion(trx, q.id, input.answer, now);
    await repo.insertEvent(trx, { tipId: id, kind: 'question_answered', actor: PUBLIC_ACTOR, unitId: null, data: { questionId: q.id }, at: now });
    await writeAudit(trx, PUBLIC_ACTOR, { action: 'tip.question_answered', entityType: 'tip', entityId: id, data: { questionId: q.id } });
    await notifyUnitMembers(trx, PUBLIC_ACTOR, { unitIds: [tip.huId], kind: 'tip_answered', params: { tipId: id, trackingCode: tip.trackingCode } });
    await publishTip(trx, id, [tip.ruId, tip.huId]);
  });
  return tipPublicStatus(ctx, input);
}
