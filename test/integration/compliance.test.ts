import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRuns, runSelfCheck, saveManualIndicator, updateIndicatorSetting } from '../../src/compliance/compliance.service.ts';
import { type IndicatorResult, passes, scoreOf } from '../../src/compliance/indicator.ts';
import { importHandlers, indicators } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

describe.each(DIALECTS)('the compliance self-check on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  const deps = () => ({ db: tdb.db, clock: testClock, indicators });
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, testClock);
    agency = await buildAgency(tdb.db, { code: 'chk', name: '自查局', officeName: '办公室', phone: '0635-1' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: 'checker' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'writer' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('finds the missing guide facts, stores the run, and the score is reproducible from its findings', async () => {
    const run = await runSelfCheck(deps(), systemActor(), agency, 2024);
    const guide = run.results.find((r) => r.code === 'guide.contact');
    expect(guide?.passed).toBe(false);
    expect(guide?.findings.map((f) => f.key)).toEqual(['contact:address', 'contact:officeHours', 'contact:fax', 'contact:email', 'contact:postcode']);
    const [stored] = await listRuns(tdb.db, agency.id);
    expect(stored?.score).toBe(run.score);
    const rescored = scoreOf((stored?.results ?? []).map((r: IndicatorResult) => ({ weight: r.weight, passed: passes(r.findings), unchecked: r.unchecked })));
    expect(rescored).toBe(run.score);
  });

  it('passes once the facts are filled in, and counts manual indicators', async () => {
    await tdb.db
      .updateTable('agencies')
      .set({ address: '东昌东路1号', officeHours: '工作日', fax: '0635-2', email: 'gk@example.cn', postcode: '252000' })
      .where('id', '=', agency.id)
      .execute();
    const fresh = { ...agency, address: '东昌东路1号', officeHours: '工作日', fax: '0635-2', email: 'gk@example.cn', postcode: '252000' };
    await saveManualIndicator(deps(), systemActor(), fresh, {
      code: 'team.adjusted',
      title: '领导小组已按人员变动调整',
      weight: '10',
      passed: false,
      note: '尚未发文调整',
    });
    const run = await runSelfCheck(deps(), systemActor(), fresh, 2024);
    expect(run.results.find((r) => r.code === 'guide.contact')?.passed).toBe(true);
    const manual = run.results.find((r) => r.code === 'team.adjusted');
    expect(manual).toMatchObject({ manual: true, passed: false, weight: 10 });
    expect(manual?.findings[0]?.message).toBe('尚未发文调整');
    expect(run.score).toBe(scoreOf(run.results));
    expect(run.score).toBeLessThan(100);
  });

  it('lets an agency switch an indicator off or reweight it, refusing bad weights and taken codes', async () => {
    await updateIndicatorSetting(deps(), systemActor(), agency, { code: 'guide.contact', enabled: false, weight: '0' });
    const run = await runSelfCheck(deps(), systemActor(), agency, 2024);
    expect(run.results.some((r) => r.code === 'guide.contact')).toBe(false);
    await expect(updateIndicatorSetting(deps(), systemActor(), agency, { code: 'guide.contact', enabled: true, weight: '-1' })).rejects.toBeInstanceOf(
      DomainError,
    );
    await expect(updateIndicatorSetting(deps(), systemActor(), agency, { code: 'no.such', enabled: true, weight: '1' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(saveManualIndicator(deps(), systemActor(), agency, { code: 'guide.contact', title: 'x', weight: '1', passed: true })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await updateIndicatorSetting(deps(), systemActor(), agency, { code: 'guide.contact', enabled: true, weight: '5' });
  });

  it('serves the console pages: members run it, only admins configure', async () => {
    const writer = new Agent(app, '10.3.0.1');
    await writer.login('writer', TEST_PASSWORD);
    await writer.get('/admin/chk/compliance');
    expect((await writer.post('/admin/chk/compliance', { year: '2024' })).statusCode).toBe(303);
    const page = await writer.get('/admin/chk/compliance');
    expect(page.body).toContain('领导小组已按人员变动调整');
    expect(page.body).toContain('不符合');
    expect((await writer.get('/admin/chk/compliance/settings')).statusCode).toBe(403);

    const admin = new Agent(app, '10.3.0.2');
    await admin.login('checker', TEST_PASSWORD);
    await admin.get('/admin/chk/compliance/settings');
    const bad = await admin.post('/admin/chk/compliance/manual', { code: 'X Y', title: '', weight: '500' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('指标代码为 2–40 位');
    expect(bad.body).toContain('权重应为 0–100 的整数');
    const fixed = await admin.post('/admin/chk/compliance/manual', { code: 'team.adjusted', title: '领导小组已按人员变动调整', weight: '10', passed: '1' });
    expect(fixed.statusCode).toBe(303);
    // The 2023 annual report, published on time (report.annual).
    const report = { kind: 'report', agency: 'chk', year: 2023, publishedOn: '2024-01-20', tables: { applications: {} } };
    await importRecords({ db: tdb.db, clock: testClock }, systemActor(), importHandlers, parseImportText(JSON.stringify(report)), { replace: false });
    await admin.post('/admin/chk/compliance', { year: '2024' });
    const [latest] = await listRuns(tdb.db, agency.id);
    expect(latest?.results.find((r) => r.code === 'team.adjusted')?.passed).toBe(true);
    expect(latest?.score).toBe(scoreOf(latest?.results ?? []));
  });
});
