import type { FastifyInstance } from 'fastify';
import { consoleAgency } from '../console/console.ts';
import { yearParam } from '../console/console-ui.tsx';
import { registerRecordModule } from '../records/record-routes.tsx';
import { formValues } from '../web/http.ts';
import { canKeepWorkPoints } from './workpoints.policy.ts';
import { createWorkTask, deleteWorkTask, getWorkPlanTitle, listWorkTasks, saveWorkPlanTitle, updateWorkTask } from './workpoints.service.ts';
import { WorkPlanTitle, workPointsView } from './workpoints.views.tsx';

/** The console pages of 政务公开工作要点 (/admin/:agency/work-points): the tasks, and the plan's title. */
export async function registerWorkPointRoutes(admin: FastifyInstance): Promise<void> {
  const { db, clock } = admin.deps;
  registerRecordModule(admin, {
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
  admin.post<{ Params: { agency: string } }>('/:agency/work-points/plan', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    await saveWorkPlanTitle({ db, clock }, actor, agency.id, values);
    return reply.redirect(`/admin/${agency.code}/work-points?year=${yearParam(values.year, clock.today())}&saved=1`, 303);
  });
}
