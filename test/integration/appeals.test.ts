import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { computeTable4ForAgency } from '../../src/applications/statistics.ts';
import type { Agency } from '../../src/db/schema.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { staffApplicationForm } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const clock = fixedClock('2024-12-20T02:00:00Z');

describe.each(DIALECTS)('appeals (行政复议, 行政诉讼) on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  let editor: Agent;
  let applicationId: number;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    agency = await buildAgency(tdb.db);
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: `ap-${dialect}` });
    editor = new Agent(app);
    await editor.login(`ap-${dialect}`, TEST_PASSWORD);
    applicationId = (
      await registerApplication({ db: tdb.db, clock }, systemActor(), agency, staffApplicationForm({ receivedOn: '2024-03-01', ref: 'YS-2024-7' }))
    ).id;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('registers an appeal linked to an application, refuses bad input beside the fields, and records the result', async () => {
    const base = `/admin/${agency.code}/appeals`;
    const page = await editor.get(`${base}?application=YS-2024-7`);
    expect(page.body).toContain('value="YS-2024-7"');
    const bad = await editor.post(base, { type: 'reconsideration', filedOn: '2024-05-06', applicationRef: 'NOPE', result: 'upheld', decidedOn: '2024-05-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('审结日期不能早于立案日期');
    const created = await editor.post(base, { type: 'reconsideration', filedOn: '2024-05-06', applicationRef: 'YS-2024-7', result: 'pending' });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toContain('created=FY-2024-01');
    const unknown = await editor.post(base, { type: 'litigation_direct', filedOn: '2024-06-01', applicationRef: 'NOPE', result: 'pending' });
    expect(unknown.body).toContain('本机关没有该登记号的申请');
    const row = await tdb.db.selectFrom('appeals').selectAll().where('ref', '=', 'FY-2024-01').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ applicationId, result: 'pending', decidedOn: null });
    const casePage = await editor.get(`/admin/${agency.code}/applications/${applicationId}`);
    expect(casePage.body).toContain('FY-2024-01');
    await editor.get(`${base}/${row.id}`);
    const decided = await editor.post(`${base}/${row.id}`, {
      ref: 'FY-2024-01',
      type: 'reconsideration',
      filedOn: '2024-05-06',
      applicationRef: 'YS-2024-7',
      result: 'corrected',
      decidedOn: '2024-07-01',
    });
    expect(decided.statusCode).toBe(303);
    const t4 = await computeTable4ForAgency(tdb.db, agency.id, 2024);
    expect(t4.reconsideration).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
    const audit = await tdb.db.selectFrom('auditLog').select('action').where('entityType', '=', 'appeal').execute();
    expect(audit.map((a) => a.action)).toEqual(['appeal.create', 'appeal.update']);
  });
});
