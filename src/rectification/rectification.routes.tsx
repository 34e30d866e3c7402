import type { FastifyInstance } from 'fastify';
import { consoleAgency } from '../console/console.ts';
import { yearParam } from '../console/console-ui.tsx';
import { registerRecordModule } from '../records/record-routes.tsx';
import { formValues } from '../web/http.ts';
import { canKeepRectification } from './rectification.policy.ts';
import {
  closeRectificationItem,
  createRectificationItem,
  deleteRectificationItem,
  listRectificationItems,
  updateRectificationItem,
} from './rectification.service.ts';
import { rectificationView } from './rectification.views.tsx';

/** The console pages of 问题整改清单 (/admin/:agency/rectification): the year's items, and closing (销号) one. */
export async function registerRectificationRoutes(admin: FastifyInstance): Promise<void> {
  const { db, clock } = admin.deps;
  registerRecordModule(admin, {
    view: rectificationView,
    canEdit: canKeepRectification,
    list: listRectificationItems,
    create: createRectificationItem,
    update: updateRectificationItem,
    remove: deleteRectificationItem,
  });
  admin.post<{ Params: { agency: string; id: string }; Querystring: { year?: string } }>('/:agency/rectification/:id/close', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    await closeRectificationItem({ db, clock }, actor, agency.id, Number(request.params.id), values.closedOn ?? '');
    return reply.redirect(`/admin/${agency.code}/rectification?year=${yearParam(request.query.year, clock.today())}&saved=1`, 303);
  });
}
