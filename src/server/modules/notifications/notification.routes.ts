import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { uuid } from '../../../contracts/common.ts';
import { markAllReadSchema, notificationListQuery, notificationPage, notificationSchema, unreadCountSchema } from '../../../contracts/notifications.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { countMyUnread, listMyNotifications, markAllMyNotificationsRead, markNotificationRead } from './notification.service.ts';

const idParams = z.object({ id: uuid });

/** The signed-in user's own notifications. */
export function notificationRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get('/notifications', { schema: { tags, summary: 'My notifications, newest first (unread=true for unread only)', querystring: notificationListQuery, response: { 200: notificationPage } } }, (req) =>
    listMyNotifications(ctx, actorOf(req), req.query),
  );
  r.get('/notifications/unread-count', { schema: { tags, summary: 'How many of my notifications are unread', response: { 200: unreadCountSchema } } }, (req) => countMyUnread(ctx, actorOf(req)));
  r.post('/notifications/read-all', { schema: { tags, summary: 'Mark all my notifications read', response: { 200: markAllReadSchema } } }, (req) =>
    markAllMyNotificationsRead(ctx, actorOf(req)),
  );
  r.post('/notifications/:id/read', { schema: { tags, summary: 'Mark one of my notifications read', params: idParams, response: { 200: notificationSchema } } }, (req) =>
    markNotificationRead(ctx, actorOf(req), req.params.id),
  );
}
