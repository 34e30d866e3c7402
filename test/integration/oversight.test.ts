import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearResults } from '../../src/compliance/compliance.queries.ts';
import { countedRunOf, rectifyFinding, runSelfCheck, submitRun } from '../../src/compliance/compliance.service.ts';
import { pointsOf, scoreOf } from '../../src/compliance/indicator.ts';
import { importHandlers, indicators } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { listRectificationItems } from '../../src/rectification/rectification.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { buildAgency, buildUser, testClock } from '../builders/index.ts';
import { applicationRecord, closedEvent, documentRecord, importFixtures } from '../builders/records.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// Issue 16: a year's check reads that year, a submitted result stays, 销号 means fixed, 未检测 is not passed.
describe.each(DIALECTS)('oversight you can trust on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  const deps = (clock = testClock) => ({ db: tdb.db, clock, indicators });
  const actor = systemActor('测试');
  const keysOf = (run: Awaited<ReturnType<typeof runSelfCheck>>) => run.results.flatMap((r) => r.findings.map((f) => f.key)).sort();

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db, { code: 'ovs', name: '督查局', officeName: '办公室', phone: '0635-1', address: '东昌路1号' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: 'ovs-leader' });
    // 2022: one case answered late, one document published on time.
    await importFixtures(tdb.db, [
      applicationRecord('ovs', '2022-0001', '2022-03-01', [closedEvent('2022-05-20', 'granted')]),
      applicationRecord('ovs', '2022-0002', '2022-04-01', [closedEvent('2022-04-08', 'granted')]),
      documentRecord('ovs', 'D22', { category: 'policy', issuedOn: '2022-03-01', publishedOn: '2022-03-03' }),
    ]);
  });
  afterAll(async () => {
    await tdb?.cleanup();
  });

  it('keeps a 2022 check unchanged by 2026 records, and each finding names its year', async () => {
    const before = await runSelfCheck(deps(), actor, agency, 2022);
    const onTime = before.results.find((r) => r.code === 'applications.on_time');
    expect(onTime?.findings.map((f) => f.message)).toEqual([expect.stringContaining('申请 2022-0001 于 2022-05-20 答复')]);
    expect(before.results.flatMap((r) => r.findings).every((f) => f.year === 2022)).toBe(true);
    // 2026: a case open past its due date, a document without its 索引号, a normative document without validity.
    await importFixtures(tdb.db, [
      applicationRecord('ovs', '2026-0001', '2024-08-01'),
      documentRecord('ovs', 'D26', { category: 'policy', issuedOn: '2024-09-01', publishedOn: '2024-09-02' }),
      documentRecord('ovs', 'N26', { category: 'normative', issuedOn: '2024-09-01', publishedOn: '2024-09-02' }),
    ]);
    await tdb.db
      .updateTable('documents')
      .set({ indexNo: null })
      .where('agencyId', '=', agency.id)
      .where('publishedOn', '=', '2024-09-02')
      .where('category', '=', 'policy')
      .execute();
    const after = await runSelfCheck(deps(), actor, agency, 2022);
    expect(keysOf(after)).toEqual(keysOf(before));
    expect(after.score).toBe(before.score);
    // The later year does see them.
    const later = await runSelfCheck(deps(), actor, agency, 2024);
    expect(keysOf(later)).toEqual(expect.arrayContaining([expect.stringMatching(/^application:\d+:overdue$/), expect.stringMatching(/:index_no$/)]));
  });

  it('leaves a probe never run, and a year with nothing to judge, out of the score, which stays out of 100', async () => {
    const run = await runSelfCheck(deps(), actor, agency, 2022);
    const channel = run.results.find((r) => r.code === 'applications.channel');
    expect(channel).toMatchObject({ passed: false, findings: [], unchecked: expect.stringContaining('2022 年度尚未检测在线申请渠道') });
    expect(run.results.find((r) => r.code === 'applications.correction_notice')?.unchecked).toContain('没有需要补正的申请');
    // The weights add up to more than 100; the score is the share of the judged ones.
    expect(indicators.reduce((s, i) => s + i.weight, 0)).toBeGreaterThan(100);
    const judged = run.results.filter((r) => r.unchecked === undefined);
    const share = judged.filter((r) => r.passed).reduce((s, r) => s + r.weight, 0) / judged.reduce((s, r) => s + r.weight, 0);
    expect(run.score).toBe(Math.round(share * 1000) / 10);
    expect(run.score).toBe(scoreOf(run.results));
    const points = run.results.map((r) => pointsOf(r, run.results));
    expect(points[run.results.indexOf(channel as never)]).toBeNull();
    expect(Math.abs(points.reduce<number>((s, p) => s + (p ?? 0), 0) - 100)).toBeLessThan(0.5);
    // Counting the unrun probe as passed (the old rule) would have given a higher score.
    expect(scoreOf(run.results.map((r) => (r === channel ? { weight: r.weight, passed: true } : r)))).toBeGreaterThan(run.score);
  });

  it('keeps the submitted result through re-runs, before the deadline and after it, each labelled', async () => {
    const jan = await runSelfCheck(deps(fixedClock('2023-01-10T02:00:00Z')), actor, agency, 2022);
    await submitRun(deps(fixedClock('2023-01-11T02:00:00Z')), actor, agency, jan.id);
    const rerun = await runSelfCheck(deps(fixedClock('2023-01-20T02:00:00Z')), actor, agency, 2022);
    const late = await runSelfCheck(deps(fixedClock('2023-06-01T02:00:00Z')), actor, agency, 2022);
    expect((await countedRunOf(tdb.db, agency, 2022))?.id).toBe(jan.id);
    const { labels, due } = await yearResults(tdb.db, agency);
    expect(due.get(2022)).toBe('2023-01-31');
    expect([labels.get(jan.id), labels.get(rerun.id), labels.get(late.id)]).toEqual(['submitted', null, 'after_deadline']);
    // Submitting another run replaces the submission openly; the first stays, labelled.
    await submitRun(deps(fixedClock('2023-01-21T02:00:00Z')), actor, agency, rerun.id);
    expect((await countedRunOf(tdb.db, agency, 2022))?.id).toBe(rerun.id);
    expect((await yearResults(tdb.db, agency)).labels.get(jan.id)).toBe('superseded');
    // Only admins and leaders submit.
    const editor = { kind: 'user' as const, id: 9999, name: '编辑', isSuperadmin: false, roles: new Map([[agency.id, new Set(['editor' as const])]]) };
    await expect(submitRun(deps(), editor, agency, rerun.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('without a submission, counts the last run by the deadline, not a later re-run', async () => {
    const other = await buildAgency(tdb.db, { code: 'ovs2' });
    const inTime = await runSelfCheck(deps(fixedClock('2023-01-30T02:00:00Z')), actor, other, 2022);
    await runSelfCheck(deps(fixedClock('2023-02-10T02:00:00Z')), actor, other, 2022);
    expect((await countedRunOf(tdb.db, other, 2022))?.id).toBe(inTime.id);
  });

  it('closes the item of an overdue case answered late as 已整改，仍计扣分, never as fixed', async () => {
    const run = await runSelfCheck(deps(), actor, agency, 2024);
    const key = run.results.flatMap((r) => r.findings).find((f) => /^application:\d+:overdue$/.test(f.key))?.key ?? '';
    expect(key).not.toBe('');
    await rectifyFinding(deps(), actor, agency, { runId: run.id, key, measure: '尽快答复', owner: '办公室', dueOn: '2024-10-31' });
    // Answered (late), through the importer's replace.
    const text = JSON.stringify(applicationRecord('ovs', '2026-0001', '2024-08-01', [closedEvent('2024-10-08', 'granted')]));
    await importRecords({ db: tdb.db, clock: fixedClock('2024-10-09T02:00:00Z') }, actor, importHandlers, parseImportText(text), { replace: true });
    const next = await runSelfCheck(deps(fixedClock('2024-10-09T02:00:00Z')), actor, agency, 2024);
    const onTime = next.results.find((r) => r.code === 'applications.on_time');
    expect(onTime?.passed).toBe(false);
    expect(onTime?.findings.map((f) => f.key)).toContain(key.replace(':overdue', ':late'));
    expect(next.closedItems.map((i) => [i.findingKey, i.closure])).toEqual([[key, 'remains']]);
    const item = (await listRectificationItems(tdb.db, agency.id, 2024)).find((i) => i.findingKey === key);
    expect(item).toMatchObject({ closedOn: '2024-10-09', closure: 'remains' });
  });

  it('closes an item as fixed when the record no longer fails the indicator', async () => {
    const run = await runSelfCheck(deps(), actor, agency, 2024);
    const key = run.results.flatMap((r) => r.findings).find((f) => f.key.endsWith(':index_no'))?.key ?? '';
    await rectifyFinding(deps(), actor, agency, { runId: run.id, key, measure: '补充索引号', owner: '办公室', dueOn: '2024-10-31' });
    await tdb.db.updateTable('documents').set({ indexNo: 'OVS-2024-9' }).where('agencyId', '=', agency.id).where('indexNo', 'is', null).execute();
    const next = await runSelfCheck(deps(), actor, agency, 2024);
    expect(next.closedItems.map((i) => [i.findingKey, i.closure])).toEqual([[key, 'fixed']]);
  });
});
