import type { FastifyInstance } from 'fastify';
import { registerRecordModule } from '../records/record-routes.tsx';
import { canKeepMechanisms } from './mechanisms.policy.ts';
import { createMechanism, deleteMechanism, listMechanisms, updateMechanism } from './mechanisms.service.ts';
import { mechanismsView } from './mechanisms.views.tsx';

/** The console pages of 领导小组与工作制度 (/admin/:agency/mechanisms). */
export async function registerMechanismRoutes(admin: FastifyInstance): Promise<void> {
  await registerRecordModule(admin, {
    view: mechanismsView,
    canEdit: canKeepMechanisms,
    list: listMechanisms,
    create: createMechanism,
    update: updateMechanism,
    remove: deleteMechanism,
  });
}
