import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRuns, rectifyFinding, runSelfCheck, saveManualIndicator, updateIndicatorSetting } from '../../src/compliance/compliance.service.ts';
import { indicators } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { listRectificationItems, openFindingItems, updateRectificationItem } from '../../src/rectification/rectification.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// Findings → the rectification list → closed by the next check that no longer finds them (逐项销号).
describe.each(DIALECTS)('self-check findings on the rectification list on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  const deps = () => ({ db: tdb.db, clock: testClock, indicators });
  const later = fixedClock('2024-10-15T02:00:00Z');
  const plan = { measure: '在公开指南中补充传真号码', owner: '办公室', dueOn: '2024-10-31' };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, testClock);
    agency = await buildAgency(tdb.db, { code: 'rect', name: '整改局', officeName: '办公室', phone: '0635-1' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'rect-editor' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'reviewer', username: 'rect-reviewer' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('lists a finding once, linked to its indicator and year, and refuses a second open item or an unknown finding', async () => {
    // One met manual indicator of weight 1 among the judged ones: a score with a decimal.
    await saveManualIndicator(deps(), systemActor(), agency, { code: 'team', title: '领导小组已调整', rule: '', weight: '1', passed: true, note: '' });
    const run = await runSelfCheck(deps(), systemActor(), agency, 2024);
    expect(run.closedItems).toEqual([]);
    // The stored score reads back as computed (one decimal), on PostgreSQL's float4 too.
    expect(run.score % 1).not.toBe(0);
    expect((await listRuns(tdb.db, agency.id))[0]?.score).toBe(run.score);
    const item = await rectifyFinding(deps(), systemActor(), agency, { runId: run.id, key: 'contact:fax', ...plan });
    expect(item).toMatchObject({
      problem: '公开指南未载明传真',
      source: 'self_check',
      findingKey: 'contact:fax',
      indicatorCode: 'guide.contact',
      checkYear: 2024,
      foundOn: '2024-09-27',
      closedOn: null,
    });
    expect(item.sourceDetail).toContain('2024 年度合规自查');
    await expect(rectifyFinding(deps(), systemActor(), agency, { runId: run.id, key: 'contact:fax', ...plan })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(rectifyFinding(deps(), systemActor(), agency, { runId: run.id, key: 'contact:nothing', ...plan })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(rectifyFinding(deps(), systemActor(), agency, { runId: run.id, key: 'contact:email', ...plan, dueOn: '2024-01-01' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const other = await buildAgency(tdb.db, { code: 'rect-other' });
    await expect(rectifyFinding(deps(), systemActor(), other, { runId: run.id, key: 'contact:fax', ...plan })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps the item open while the finding stands, while its indicator is off, and for checks of other years', async () => {
    expect((await runSelfCheck(deps(), systemActor(), agency, 2024)).closedItems).toEqual([]);
    await tdb.db.updateTable('agencies').set({ fax: '0635-2' }).where('id', '=', agency.id).execute();
    const fixed = { ...agency, fax: '0635-2' };
    expect((await runSelfCheck(deps(), systemActor(), fixed, 2023)).closedItems).toEqual([]);
    await updateIndicatorSetting(deps(), systemActor(), fixed, { code: 'guide.contact', enabled: false, weight: '5' });
    expect((await runSelfCheck(deps(), systemActor(), fixed, 2024)).closedItems).toEqual([]);
    await updateIndicatorSetting(deps(), systemActor(), fixed, { code: 'guide.contact', enabled: true, weight: '5' });
    expect(await openFindingItems(tdb.db, agency.id, 2024)).toHaveLength(1);
  });

  it('closes the item on the next check that no longer finds the problem, audited, and a recurrence opens a new one', async () => {
    const fixed = { ...agency, fax: '0635-2' };
    const run = await runSelfCheck({ ...deps(), clock: later }, systemActor(), fixed, 2024);
    expect(run.closedItems.map((i) => [i.findingKey, i.closedOn])).toEqual([['contact:fax', '2024-10-15']]);
    expect(await openFindingItems(tdb.db, agency.id, 2024)).toEqual([]);
    const audit = await tdb.db
      .selectFrom('auditLog')
      .select(['action', 'afterJson'])
      .where('entityType', '=', 'rectification_item')
      .where('agencyId', '=', agency.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['rectification.create', 'rectification.close']);
    expect(audit[1]?.afterJson).toContain('compliance_run');

    await tdb.db.updateTable('agencies').set({ fax: null }).where('id', '=', agency.id).execute();
    const again = await runSelfCheck({ ...deps(), clock: later }, systemActor(), agency, 2024);
    await rectifyFinding({ ...deps(), clock: later }, systemActor(), agency, { runId: again.id, key: 'contact:fax', ...plan });
    const items = await listRectificationItems(tdb.db, agency.id, 2024);
    expect(items.filter((i) => i.findingKey === 'contact:fax').map((i) => i.closedOn)).toEqual(['2024-10-15', null]);
    // The closed item cannot be reopened by hand while the problem has its new open item.
    const closed = items.find((i) => i.findingKey === 'contact:fax' && i.closedOn);
    const reopen = { ...closed, closedOn: '' };
    await expect(updateRectificationItem({ db: tdb.db, clock: later }, systemActor(), agency.id, closed?.id ?? 0, reopen)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('serves the rectify form to record keepers: errors in Chinese, 403 for a reviewer, the listed badge afterwards', async () => {
    const editor = new Agent(app, '10.4.0.1');
    await editor.login('rect-editor', TEST_PASSWORD);
    expect((await editor.post('/admin/rect/compliance', { year: '2024' })).statusCode).toBe(303);
    const page = await editor.get('/admin/rect/compliance');
    expect(page.body).toContain('列入整改清单');
    const runId = /name="runId" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    const bad = await editor.post('/admin/rect/compliance/rectify', { runId, key: 'contact:email', measure: '', owner: '办公室', dueOn: '2024-10-31' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写整改措施');
    expect(bad.body).toMatch(/<details class="action" open/);
    const ok = await editor.post('/admin/rect/compliance/rectify', {
      runId,
      key: 'contact:email',
      measure: '补充电子邮箱',
      owner: '办公室',
      dueOn: '2024-10-31',
    });
    expect(ok.statusCode).toBe(303);
    expect((await editor.get('/admin/rect/compliance')).body).toContain('已列入整改清单，时限 2024-10-31');

    const reviewer = new Agent(app, '10.4.0.2');
    await reviewer.login('rect-reviewer', TEST_PASSWORD);
    const view = await reviewer.get('/admin/rect/compliance');
    expect(view.body).not.toContain('name="runId"');
    expect(
      (await reviewer.post('/admin/rect/compliance/rectify', { runId, key: 'contact:address', measure: 'x', owner: 'y', dueOn: '2024-10-31' })).statusCode,
    ).toBe(403);
  });
});
