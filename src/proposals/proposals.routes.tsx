import type { FastifyInstance } from 'fastify';
import { registerRecordModule } from '../records/record-routes.tsx';
import { canKeepProposals } from './proposals.policy.ts';
import { createProposal, deleteProposal, listProposals, updateProposal } from './proposals.service.ts';
import { proposalsView } from './proposals.views.tsx';

/** The console pages of 建议提案办理 (/admin/:agency/proposals). */
export async function registerProposalRoutes(admin: FastifyInstance): Promise<void> {
  await registerRecordModule(admin, {
    view: proposalsView,
    canEdit: canKeepProposals,
    list: listProposals,
    create: createProposal,
    update: updateProposal,
    remove: deleteProposal,
  });
}
