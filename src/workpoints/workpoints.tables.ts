import type { Generated } from 'kysely';

/** The year's 工作要点: the plan's title per agency and year, and its tasks (migration 2026-11-26T1300-reports). */
export interface WorkPointTables {
  workPlans: { agencyId: number; year: number; title: string; updatedAt: string };
  workTasks: {
    id: Generated<number>;
    agencyId: number;
    year: number;
    task: string;
    owner: string;
    status: 'pending' | 'in_progress' | 'done';
    note: string | null;
    createdAt: string;
    updatedAt: string;
  };
}
