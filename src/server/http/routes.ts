import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/env.ts';
import type { Database } from '../db/connect.ts';
import type { Ctx } from '../kernel/context.ts';
import { healthRoutes } from './health.routes.ts';
import { eventRoutes } from './events.routes.ts';
import { authRoutes } from '../modules/accounts/auth.routes.ts';
import { userRoutes } from '../modules/accounts/user.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { unitRoutes } from '../modules/organisation/unit.routes.ts';
import { jurisdictionRoutes } from '../modules/organisation/jurisdiction.routes.ts';
import { personRoutes } from '../modules/organisation/person.routes.ts';
import { notificationRoutes } from '../modules/notifications/notification.routes.ts';
import { taskRoutes } from '../modules/tasks/task.routes.ts';
import { fileRoutes } from '../modules/files/file.routes.ts';
import { documentRoutes } from '../modules/documents/document.routes.ts';
import { conferenceRoutes } from '../modules/conferences/conference.routes.ts';
import { tipRoutes } from '../modules/tips/tip.routes.ts';
import { incidentRoutes } from '../modules/incidents/incident.routes.ts';
import { statisticsRoutes } from '../modules/statistics/statistics.routes.ts';
import { boardRoutes } from '../modules/board/board.routes.ts';
import { awardRoutes } from '../modules/awards/award.routes.ts';
import { dashboardRoutes } from '../modules/dashboard/dashboard.routes.ts';
import { campaignRoutes } from '../modules/campaigns/campaign.routes.ts';
import { reviewRoutes } from '../modules/reviews/review.routes.ts';
import { reportRoutes } from '../modules/reports/report.routes.ts';

export interface RouteDeps {
  ctx: Ctx;
  config: Config;
  database: Database;
}

/** Every module's HTTP adapter, mounted under /api. */
export function registerRoutes(api: FastifyInstance, deps: RouteDeps): void {
  healthRoutes(api, deps);
  api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => api.swagger());
  authRoutes(api, deps);
  userRoutes(api, deps);
  unitRoutes(api, deps);
  jurisdictionRoutes(api, deps);
  personRoutes(api, deps);
  auditRoutes(api, deps);
  notificationRoutes(api, deps);
  taskRoutes(api, deps);
  fileRoutes(api, deps);
  documentRoutes(api, deps);
  conferenceRoutes(api, deps);
  tipRoutes(api, deps);
  incidentRoutes(api, deps);
  boardRoutes(api, deps);
  dashboardRoutes(api, deps);
  statisticsRoutes(api, deps);
  campaignRoutes(api, deps);
  reviewRoutes(api, deps);
  reportRoutes(api, deps);
  awardRoutes(api, deps);
  eventRoutes(api, deps);
}
