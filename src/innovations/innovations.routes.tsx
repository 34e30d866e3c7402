import type { FastifyInstance } from 'fastify';
import { registerRecordModule } from '../records/record-routes.tsx';
import { canKeepInnovations } from './innovations.policy.ts';
import { createInnovation, deleteInnovation, listInnovations, updateInnovation } from './innovations.service.ts';
import { innovationsView } from './innovations.views.tsx';

/** The console pages of 工作创新 (/admin/:agency/innovations). */
export async function registerInnovationRoutes(admin: FastifyInstance): Promise<void> {
  await registerRecordModule(admin, {
    view: innovationsView,
    canEdit: canKeepInnovations,
    list: listInnovations,
    create: createInnovation,
    update: updateInnovation,
    remove: deleteInnovation,
  });
}
