import type { FastifyInstance } from 'fastify';
import { registerRecordModule } from '../records/record-routes.tsx';
import { canKeepTrainings } from './trainings.policy.ts';
import { createTraining, deleteTraining, listTrainings, updateTraining } from './trainings.service.ts';
import { trainingsView } from './trainings.views.tsx';

/** The console pages of 培训与会议 (/admin/:agency/trainings). */
export async function registerTrainingRoutes(admin: FastifyInstance): Promise<void> {
  await registerRecordModule(admin, {
    view: trainingsView,
    canEdit: canKeepTrainings,
    list: listTrainings,
    create: createTraining,
    update: updateTraining,
    remove: deleteTraining,
  });
}
