import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/db/schema.ts';
import { createInnovation, deleteInnovation, updateInnovation } from '../../src/innovations/innovations.service.ts';
import { createMechanism, deleteMechanism, updateMechanism } from '../../src/mechanisms/mechanisms.service.ts';
import { createProposal, deleteProposal, updateProposal } from '../../src/proposals/proposals.service.ts';
import type { RecordDeps } from '../../src/records/crud.ts';
import { createRectificationItem, deleteRectificationItem, updateRectificationItem } from '../../src/rectification/rectification.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { createTraining, deleteTraining, updateTraining } from '../../src/trainings/trainings.service.ts';
import { createWorkTask, deleteWorkTask, updateWorkTask } from '../../src/workpoints/workpoints.service.ts';
import { userActor } from '../builders/applications.ts';
import { buildAgency, testClock } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

type Service = {
  create(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown): Promise<{ id: number }>;
  update(deps: RecordDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<{ id: number }>;
  remove(deps: RecordDeps, actor: Actor, agencyId: number, id: number): Promise<void>;
};

// The audit chain already holds these names: the record-CRUD helper must keep them exactly.
const MODULES: { name: string; action: string; entityType: string; service: Service; valid: Record<string, string>; change: Record<string, string> }[] = [
  {
    name: 'proposals',
    action: 'proposal',
    entityType: 'proposal',
    service: { create: createProposal, update: updateProposal, remove: deleteProposal },
    valid: { year: '2024', kind: 'npc', number: '第1号', title: '建议', session: '一次会议' },
    change: { title: '改过的建议' },
  },
  {
    name: 'trainings',
    action: 'training',
    entityType: 'training',
    service: { create: createTraining, update: updateTraining, remove: deleteTraining },
    valid: { heldOn: '2024-03-01', kind: 'training', topic: '培训', attendance: '12' },
    change: { attendance: '13' },
  },
  {
    name: 'work tasks',
    action: 'worktask',
    entityType: 'work_task',
    service: { create: createWorkTask, update: updateWorkTask, remove: deleteWorkTask },
    valid: { year: '2024', task: '任务', owner: '办公室' },
    change: { status: 'done' },
  },
  {
    name: 'rectification items',
    action: 'rectification',
    entityType: 'rectification_item',
    service: { create: createRectificationItem, update: updateRectificationItem, remove: deleteRectificationItem },
    valid: { problem: '问题', source: 'inspection', foundOn: '2024-03-01', measure: '措施', owner: '办公室', dueOn: '2024-04-01' },
    change: { owner: '政务公开科' },
  },
  {
    name: 'leading groups and rules',
    action: 'mechanism',
    entityType: 'mechanism',
    service: { create: createMechanism, update: updateMechanism, remove: deleteMechanism },
    valid: { kind: 'leading_group', name: '政务公开工作领导小组', adoptedOn: '2024-03-01', detail: '主要负责同志任组长' },
    change: { detail: '分管领导任组长' },
  },
  {
    name: 'innovations',
    action: 'innovation',
    entityType: 'innovation',
    service: { create: createInnovation, update: updateInnovation, remove: deleteInnovation },
    valid: { notedOn: '2024-03-01', title: '政策直通车', summary: '开设惠企政策直通车专栏。' },
    change: { title: '惠企政策直通车' },
  },
];

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

describe.each(DIALECTS)('the record-CRUD helper on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  let other: Agency;
  const deps = (): RecordDeps => ({ db: tdb.db, clock: testClock });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db);
    other = await buildAgency(tdb.db);
  });
  afterAll(async () => {
    await tdb?.cleanup();
  });

  it.each(MODULES)('keeps $name: audited create, update and delete under their names, in the agency only', async (m) => {
    const editor = userActor(9001, agency.id, 'editor');
    const reviewer = userActor(9002, agency.id, 'reviewer');
    const outsider = userActor(9003, other.id, 'admin');
    const audit = () =>
      tdb.db
        .selectFrom('auditLog')
        .select(['action', 'entityType', 'entityId', 'beforeJson', 'afterJson'])
        .where('agencyId', '=', agency.id)
        .orderBy('id')
        .execute();
    const start = (await audit()).length;

    // Only record keepers write, a bad form is refused with field messages, and nothing is audited for either.
    expect(await codeOf(m.service.create(deps(), reviewer, agency.id, m.valid))).toBe('FORBIDDEN');
    expect(await codeOf(m.service.create(deps(), editor, agency.id, {}))).toBe('VALIDATION');
    expect(await audit()).toHaveLength(start);

    const row = await m.service.create(deps(), editor, agency.id, m.valid);
    // An update changes only what it sends; another agency's record reads as absent, even to its own admin.
    const after = (await m.service.update(deps(), editor, agency.id, row.id, m.change)) as Record<string, unknown>;
    for (const [k, v] of Object.entries({ ...m.valid, ...m.change })) expect(String(after[k])).toBe(v);
    expect(await codeOf(m.service.update(deps(), outsider, other.id, row.id, m.change))).toBe('NOT_FOUND');
    expect(await codeOf(m.service.remove(deps(), outsider, other.id, row.id))).toBe('NOT_FOUND');
    await m.service.remove(deps(), editor, agency.id, row.id);
    expect(await codeOf(m.service.remove(deps(), editor, agency.id, row.id))).toBe('NOT_FOUND');

    const entries = (await audit()).slice(start);
    expect(entries.map((e) => [e.action, e.entityType, e.entityId])).toEqual([
      [`${m.action}.create`, m.entityType, String(row.id)],
      [`${m.action}.update`, m.entityType, String(row.id)],
      [`${m.action}.delete`, m.entityType, String(row.id)],
    ]);
    expect(entries.map((e) => [e.beforeJson !== null, e.afterJson !== null])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
  });
});
