import type { Generated } from 'kysely';

/** The agency's 工作创新 of a year, told in the report's 六、其他需要报告的事项 (migration 2026-12-07T0560-report-story). */
export interface InnovationTables {
  workInnovations: {
    id: Generated<number>;
    agencyId: number;
    notedOn: string;
    title: string;
    /** The sentence as the report prints it. */
    summary: string;
    createdAt: string;
    updatedAt: string;
  };
}
