import type { FastifyInstance } from 'fastify';
import { consoleMember, consoleRoutes, recordParams } from '../console/console-page.tsx';
import { workingYear } from '../console/console-ui.tsx';
import { recordYearQuery, registerRecordModule } from '../records/record-routes.tsx';
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
  await registerRecordModule(admin, {
    view: rectificationView,
    canEdit: canKeepRectification,
    list: listRectificationItems,
    create: createRectificationItem,
    update: updateRectificationItem,
    remove: deleteRectificationItem,
  });
  await admin.register(async (scope) => {
    const app = consoleRoutes(scope);
    app.post('/:agency/rectification/:id/close', { schema: { params: recordParams, querystring: recordYearQuery } }, async (request, reply) => {
      const { actor, agency } = await consoleMember(request);
      const values = formValues(request);
      await closeRectificationItem({ db, clock }, actor, agency.id, request.params.id, values.closedOn ?? '');
      return reply.redirect(`/admin/${agency.code}/rectification?year=${request.query.year ?? workingYear(clock.today())}&saved=1`, 303);
    });
  });
}
