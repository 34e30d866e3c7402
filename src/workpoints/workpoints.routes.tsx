import type { FastifyInstance } from 'fastify';
import { agencyParams, consoleMember, consoleRoutes } from '../console/console-page.tsx';
import { workingYear } from '../console/console-ui.tsx';
import { registerRecordModule } from '../records/record-routes.tsx';
import { formValues } from '../web/http.ts';
import { workYearQuery } from '../web/params.ts';
import { canKeepWorkPoints } from './workpoints.policy.ts';
import { createWorkTask, deleteWorkTask, getWorkPlanTitle, listWorkTasks, saveWorkPlanTitle, updateWorkTask } from './workpoints.service.ts';
import { WorkPlanTitle, workPointsView } from './workpoints.views.tsx';

/** The console pages of 政务公开工作要点 (/admin/:agency/work-points): the tasks, and the plan's title. */
export async function registerWorkPointRoutes(admin: FastifyInstance): Promise<void> {
  const { db, clock } = admin.deps;
  await registerRecordModule(admin, {
    view: workPointsView,
    canEdit: canKeepWorkPoints,
    list: listWorkTasks,
    create: createWorkTask,
    update: updateWorkTask,
    remove: deleteWorkTask,
    extra: async ({ agencyId, year, csrf, canEdit, base }) => (
      <WorkPlanTitle title={await getWorkPlanTitle(db, agencyId, year)} year={year} csrf={csrf} canEdit={canEdit} base={base} />
    ),
  });
  await admin.register(async (scope) => {
    const app = consoleRoutes(scope);
    app.post('/:agency/work-points/plan', { schema: { params: agencyParams } }, async (request, reply) => {
      const { actor, agency } = await consoleMember(request);
      const values = formValues(request);
      await saveWorkPlanTitle({ db, clock }, actor, agency.id, values);
      const year = workYearQuery.parse(values.year) ?? workingYear(clock.today());
      return reply.redirect(`/admin/${agency.code}/work-points?year=${year}&saved=1`, 303);
    });
  });
}
