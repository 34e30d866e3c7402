import type { Generated } from 'kysely';

/** The trainings and meetings on disclosure work (migration 2026-11-26T1300-reports). */
export interface TrainingTables {
  trainings: {
    id: Generated<number>;
    agencyId: number;
    heldOn: string;
    kind: 'training' | 'meeting';
    topic: string;
    attendance: number;
    notes: string | null;
    createdAt: string;
    updatedAt: string;
  };
}
