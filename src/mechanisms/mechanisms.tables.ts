import type { Generated } from 'kysely';

/**
 * The agency's 工作机制: its 政务公开工作领导小组 (each setting-up or adjustment) and the rules it works by (a 保密审核制度),
 * which the report's 监督保障 and 政府信息管理 paragraphs speak of (migration 2026-12-07T0560-report-story).
 */
export interface MechanismTables {
  workMechanisms: {
    id: Generated<number>;
    agencyId: number;
    kind: 'leading_group' | 'rule';
    name: string;
    adoptedOn: string;
    /** 1 when the group was adjusted (调整) rather than set up, or the rule revised. */
    adjusted: number;
    reason: string | null;
    /** A group's composition (主要负责同志任组长…), a rule's scope. */
    detail: string | null;
    createdAt: string;
    updatedAt: string;
  };
}
