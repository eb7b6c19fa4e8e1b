import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { communeCode, uuid } from '../../../contracts/common.ts';
import {
  askQuestionInput,
  challengeSchema,
  classifyTipInput,
  extendTipInput,
  publicCommuneList,
  recordReceiptInput,
  remoteCommuneInput,
  restoreTipInput,
  suspendTipInput,
  tipAnswerInput,
  tipCredentials,
  TIP_INTAKE_BODY_LIMIT,
  tipIntakeInput,
  tipListQuery,
  tipOutcomeInput,
  tipPage,
  tipPublicStatusSchema,
  tipReceiptSchema,
  tipReporterSchema,
  tipSchema,
  transferTipInput,
  linkTipIncidentInput,
  tipRelatedIncidentsSchema,
} from '../../../contracts/tips.ts';
import { actorOf } from '../../http/auth.ts';
import { contentDisposition } from '../files/file.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { listCurrentCommunes } from '../organisation/jurisdiction.service.ts';
import { HCMC_PROVINCE_CODE } from '../organisation/reference/admin-units.ts';
import { answerTipQuestion, getChallenge, submitTip, tipPublicStatus, warmUpPublicTips } from './tip-public.service.ts';
import {
  askTipQuestion,
  classifyTip,
  decideTip,
  extendTip,
  getTip,
  getTipFile,
  getTipReporter,
  listTips,
  markSenderNotified,
  recordTipReceipt,
  restoreTip,
  setTipCommuneRemote,
  suspendTip,
  transferTip,
  linkTipIncident,
  relatedIncidentsForTip,
} from './tip.service.ts';

const idParams = z.object({ id: uuid });
const MINUTE = 60_000;

/**
 * Per-address limits of the public routes (abuse protection without third-party services, with
 * the proof-of-work challenge and the body limits). 429 `rate_limited` beyond them.
 */
export const PUBLIC_TIP_LIMITS = { challenge: 30, intake: 5, status: 20, answer: 10, communes: 30 } as const;

export function tipRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  warmUpPublicTips();
  const r = api.withTypeProvider<ZodTypeProvider>();
  const pub = ['tips (public)'];
  const limit = (max: number) => ({ public: true, rateLimit: { max, timeWindow: MINUTE } });
  r.get('/public/challenge', { config: limit(PUBLIC_TIP_LIMITS.challenge), schema: { tags: pub, security: [], summary: 'A proof-of-work challenge for sending a tip', response: { 200: challengeSchema } } }, () =>
    getChallenge(ctx),
  );
  r.get(
    '/public/communes',
    { config: limit(PUBLIC_TIP_LIMITS.communes), schema: { tags: pub, security: [], summary: 'The city’s communes (code and name, Vietnamese order) for the public tip form', response: { 200: publicCommuneList } } },
    () => listCurrentCommunes(ctx, HCMC_PROVINCE_CODE),
  );
  r.post(
    '/public/tips',
    {
      bodyLimit: TIP_INTAKE_BODY_LIMIT,
      config: limit(PUBLIC_TIP_LIMITS.intake),
      schema: { tags: pub, security: [], summary: 'Send a tip (no login); answers the tracking code and the secret once', body: tipIntakeInput, response: { 201: tipReceiptSchema } },
    },
    async (req, reply) => reply.status(201).send(await submitTip(ctx, req.body)),
  );
  r.post(
    '/public/tips/status',
    { bodyLimit: 4096, config: limit(PUBLIC_TIP_LIMITS.status), schema: { tags: pub, security: [], summary: 'Status, questions and notified outcome of a tip (code + secret)', body: tipCredentials, response: { 200: tipPublicStatusSchema } } },
    (req) => tipPublicStatus(ctx, req.body),
  );
  r.post(
    '/public/tips/answer',
    { bodyLimit: 16_384, config: limit(PUBLIC_TIP_LIMITS.answer), schema: { tags: pub, security: [], summary: 'Answer a question of the handler (code + secret)', body: tipAnswerInput, response: { 200: tipPublicStatusSchema } } },
    (req) => answerTipQuestion(ctx, req.body),
  );

  const tags = ['tips'];
  r.get('/tips', { schema: { tags, summary: 'Tips within scope, newest first (never the sender)', querystring: tipListQuery, response: { 200: tipPage } } }, (req) => listTips(ctx, actorOf(req), req.query));
  r.get('/tips/:id', { schema: { tags, summary: 'One tip with its clock, events and questions (never the sender)', params: idParams, response: { 200: tipSchema } } }, (req) =>
    getTip(ctx, actorOf(req), req.params.id),
  );
  r.get('/tips/:id/reporter', { schema: { tags, summary: 'The sender’s identity (handling unit only; every read audited)', params: idParams, response: { 200: tipReporterSchema } } }, (req) =>
    getTipReporter(ctx, actorOf(req), req.params.id),
  );
  r.get('/tips/:id/files/:fileId', { schema: { tags, summary: 'Download a file sent with the tip (attachment, nosniff)', params: z.object({ id: uuid, fileId: uuid }) } }, async (req, reply) => {
    const f = await getTipFile(ctx, actorOf(req), req.params.id, req.params.fileId);
    return reply
      .header('content-type', f.mime)
      .header('content-length', String(f.bytes.length))
      .header('content-disposition', contentDisposition(f.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(f.bytes);
  });
  const post = <S extends z.ZodType>(path: string, summary: string, body: S, fn: (id: string, input: z.infer<S>, req: Parameters<typeof actorOf>[0]) => Promise<unknown>) =>
    r.post(path, { schema: { tags, summary, params: idParams, body, response: { 200: tipSchema } } }, (req) => fn(req.params.id, req.body as z.infer<S>, req) as never);
  post('/tips/:id/receipt', 'Record the biên bản tiếp nhận (commune police)', recordReceiptInput, (id, b, req) => recordTipReceipt(ctx, actorOf(req), id, b));
  post('/tips/:id/classification', 'Classify: within competence / transfer / not a crime source', classifyTipInput, (id, b, req) => classifyTip(ctx, actorOf(req), id, b));
  post('/tips/:id/transfer', 'Transfer to the investigating unit (24 h, 48 h for remote communes)', transferTipInput, (id, b, req) => transferTip(ctx, actorOf(req), id, b));
  post('/tips/:id/extensions', 'Extend the art. 147 period (complex case; procuracy once); 4 months at most', extendTipInput, (id, b, req) => extendTip(ctx, actorOf(req), id, b));
  post('/tips/:id/suspension', 'Tạm đình chỉ (art. 148): the clock stops', suspendTipInput, (id, b, req) => suspendTip(ctx, actorOf(req), id, b));
  post('/tips/:id/restoration', 'Phục hồi (art. 149): the clock continues', restoreTipInput, (id, b, req) => restoreTip(ctx, actorOf(req), id, b));
  post('/tips/:id/outcome', 'Record the decision: khởi tố / không khởi tố', tipOutcomeInput, (id, b, req) => decideTip(ctx, actorOf(req), id, b));
  post('/tips/:id/questions', 'Ask the sender a question (answered on the public page)', askQuestionInput, (id, b, req) => askTipQuestion(ctx, actorOf(req), id, b));
  post('/tips/:id/incident', 'Open a situation from the tip, or join an existing one (once)', linkTipIncidentInput, (id, b, req) => linkTipIncident(ctx, actorOf(req), id, b));
  r.get('/tips/:id/related-incidents', { schema: { tags, summary: 'Situations the tip may belong to: same commune, within 72 hours of its time', params: idParams, response: { 200: tipRelatedIncidentsSchema } } }, (req) =>
    relatedIncidentsForTip(ctx, actorOf(req), req.params.id),
  );
  post('/tips/:id/sender-notified', 'Mark the sender notified of the result (art. 145)', z.strictObject({}), (id, _b, req) => markSenderNotified(ctx, actorOf(req), id));
  r.put(
    '/tips/communes/:code/remote',
    { schema: { tags, summary: 'Mark a commune remote (48 h to transfer); administrators', params: z.object({ code: communeCode }), body: remoteCommuneInput, response: { 200: z.object({ communeCode: z.string(), remote: z.boolean() }) } } },
    (req) => setTipCommuneRemote(ctx, actorOf(req), req.params.code, req.body.remote),
  );
}
