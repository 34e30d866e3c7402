import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApplications } from '../../bench/applications.data.ts';
import {
  computeTable3ForAgencies,
  computeTable3ForAgency,
  computeTable4,
  computeTable4ForAgencies,
  computeTable4ForAgency,
  type Table4Record,
} from '../../src/applications/statistics.ts';
import { loadWorkCalendar } from '../../src/calendar/calendar.service.ts';
import { cityOverview } from '../../src/city/city.service.ts';
import { figureRow } from '../../src/city/city-rules.ts';
import { importHandlers } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { agencyPerformance } from '../../src/performance/performance.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { APPEAL_RESULTS, APPEAL_TYPES } from '../../src/vocabulary/codes.ts';
import { emptyTable3, emptyTable4, type Table3, type Table4 } from '../../src/vocabulary/report-format.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

/** Sums tables cell by cell (what the city's aggregate must equal). */
function sum3(tables: Table3[]): Table3 {
  const out = emptyTable3();
  for (const t3 of tables) {
    for (const key of ['received', 'carriedIn', 'closedTotal', 'carriedOut'] as const)
      for (const [c, v] of Object.entries(t3[key])) out[key][c as 'total'] += v;
    for (const [code, row] of Object.entries(t3.outcomes)) for (const [c, v] of Object.entries(row)) out.outcomes[code as 'granted'][c as 'total'] += v;
  }
  return out;
}
function sum4(tables: Table4[]): Table4 {
  const out = emptyTable4();
  for (const t4 of tables)
    for (const block of ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const)
      for (const [c, v] of Object.entries(t4[block])) out[block][c as 'total'] += v;
  return out;
}

/** Appeals of every kind and result, filed 2021–2024, some decided in a later year than filed. */
function appeals(agency: string, seed: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < 24; i++) {
    const filedOn = `${2021 + ((i + seed) % 4)}-${String(1 + ((i * 5 + seed) % 12)).padStart(2, '0')}-15`;
    const result = APPEAL_RESULTS[Math.floor(i / 4) % 4] as string;
    const decidedOn =
      result === 'pending' ? undefined : `${Math.min(2024, Number(filedOn.slice(0, 4)) + (i % 2))}-${filedOn.slice(5, 7) < '09' ? '09' : '12'}-01`;
    if (filedOn > '2024-09-27' || (decidedOn && decidedOn > '2024-09-27')) continue;
    out.push({ kind: 'appeal', agency, ref: `F-${i}`, type: APPEAL_TYPES[i % 3], filedOn, result, ...(decidedOn ? { decidedOn } : {}) });
  }
  return out;
}

describe.each(DIALECTS)('the city view on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let city: Agency;
  let a: Agency;
  let b: Agency;
  let c: Agency;
  let other: Agency;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, testClock);
    city = await buildAgency(tdb.db, { code: 'cty', name: '示范市人民政府', kind: 'government' });
    a = await buildAgency(tdb.db, { code: 'cta', name: '示范市财政局', parentCode: 'cty' });
    b = await buildAgency(tdb.db, { code: 'ctb', name: '示范市教育局', parentCode: 'cty' });
    c = await buildAgency(tdb.db, { code: 'ctc', name: '示范市交通运输局', parentCode: 'cty' });
    other = await buildAgency(tdb.db, { code: 'oth', name: '邻市人民政府', kind: 'government' });
    await buildAgency(tdb.db, { code: 'otha', name: '邻市财政局', parentCode: 'oth' });
    await buildUser(tdb.db, { agencyId: city.id, role: 'editor', username: 'cityoffice' });
    await buildUser(tdb.db, { agencyId: a.id, role: 'admin', username: 'childadmin' });
    await buildUser(tdb.db, { agencyId: other.id, role: 'admin', username: 'othercity' });

    const calendar = await loadWorkCalendar(tdb.db);
    const records = [
      ...generateApplications(calendar, 'cta', 500, [2021, 2022, 2023], 3),
      ...generateApplications(calendar, 'ctb', 400, [2022, 2023], 4),
      ...generateApplications(calendar, 'cty', 300, [2021, 2022, 2023], 5),
      ...generateApplications(calendar, 'otha', 200, [2023], 6),
      ...appeals('cta', 0),
      ...appeals('ctb', 1),
      ...appeals('cty', 2),
      ...appeals('otha', 3),
    ];
    const text = records.map((r) => JSON.stringify(r)).join('\n');
    await importRecords({ db: tdb.db, clock: testClock }, systemActor(), importHandlers, parseImportText(text), { replace: false });

    // Self-check runs (issue 16: the year's result is the submitted run, else the last by the deadline, 31 January for
    // a department): a's last run before its deadline counts, not its earlier, better one, nor its re-run after the
    // deadline, nor its 2024 run; b's run after the deadline counts because b submitted it; c never checked.
    const run = (agencyId: number, year: number, ranAt: string, score: number, findingCount: number, submittedAt: string | null = null) =>
      tdb.db.insertInto('complianceRuns').values({ agencyId, year, ranAt, score, findingCount, resultJson: '[]', submittedAt }).execute();
    await run(a.id, 2023, '2024-01-10T02:00:00.000Z', 95, 1);
    await run(a.id, 2023, '2024-01-25T02:00:00.000Z', 83.3, 4);
    await run(a.id, 2023, '2024-06-01T02:00:00.000Z', 100, 0);
    await run(a.id, 2024, '2024-09-01T02:00:00.000Z', 100, 0);
    await run(b.id, 2023, '2024-01-20T02:00:00.000Z', 100, 0);
    await run(b.id, 2023, '2024-05-01T02:00:00.000Z', 90, 2, '2024-05-01T03:00:00.000Z');
    await run(city.id, 2023, '2024-03-02T02:00:00.000Z', 83.3, 4);
    await run(other.id, 2023, '2024-03-02T02:00:00.000Z', 100, 0);

    // 2023 reports: a on time (department, 31 January), b late, the city (a government, 31 March) still a draft, c none.
    const report = (agencyId: number, status: 'draft' | 'published', publishedAt: string | null) =>
      tdb.db
        .insertInto('annualReports')
        .values({
          agencyId,
          year: 2023,
          format: '2021',
          status,
          origin: 'generated',
          sectionsJson: '{}',
          createdAt: '2024-01-02T00:00:00.000Z',
          updatedAt: '2024-01-02T00:00:00.000Z',
          publishedAt,
        })
        .execute();
    // 2024-01-31 23:30 in China is still the deadline day.
    await report(a.id, 'published', '2024-01-31T15:30:00.000Z');
    await report(b.id, 'published', '2024-02-05T02:00:00.000Z');
    await report(city.id, 'draft', null);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('sums tables 3 and 4 across the agencies cell by cell, in one query each', async () => {
    const ids = [city.id, a.id, b.id, c.id];
    for (const year of [2021, 2022, 2023, 2024]) {
      const perAgency3 = await Promise.all(ids.map((id) => computeTable3ForAgency(tdb.db, id, year)));
      const aggregate3 = await computeTable3ForAgencies(tdb.db, ids, year);
      expect(aggregate3).toEqual(sum3(perAgency3));
      for (const includeCarriedOver of [false, true]) {
        const perAgency4 = await Promise.all(ids.map((id) => computeTable4ForAgency(tdb.db, id, year, { includeCarriedOver })));
        expect(await computeTable4ForAgencies(tdb.db, ids, year, { includeCarriedOver })).toEqual(sum4(perAgency4));
      }
    }
    // The data is rich enough for the comparison to mean something, and the neighbouring city's cases stay out.
    const t2023 = await computeTable3ForAgencies(tdb.db, ids, 2023);
    expect(t2023.received.total).toBeGreaterThan(300);
    expect(t2023.carriedIn.total).toBeGreaterThan(0);
    const withOther = await computeTable3ForAgencies(
      tdb.db,
      [...ids, (await tdb.db.selectFrom('agencies').select('id').where('code', '=', 'otha').executeTakeFirstOrThrow()).id],
      2023,
    );
    expect(withOther.received.total).toBeGreaterThan(t2023.received.total);
    const t4 = await computeTable4ForAgencies(tdb.db, ids, 2023, { includeCarriedOver: true });
    expect(t4.reconsideration.total + t4.litigationDirect.total + t4.litigationAfterReconsideration.total).toBeGreaterThan(10);
    expect(APPEAL_RESULTS.every((r) => t4.reconsideration[r] + t4.litigationDirect[r] + t4.litigationAfterReconsideration[r] > 0)).toBe(true);
  });

  it('counts grouped appeals as the pure rules count them one by one', async () => {
    const rows = await tdb.db.selectFrom('appeals').select(['type', 'filedOn', 'result', 'decidedOn']).where('agencyId', 'in', [a.id, b.id]).execute();
    for (const year of [2022, 2023, 2024])
      for (const includeCarriedOver of [false, true])
        expect(await computeTable4ForAgencies(tdb.db, [a.id, b.id], year, { includeCarriedOver })).toEqual(
          computeTable4(rows as Table4Record[], year, { includeCarriedOver }),
        );
  });

  it('ranks the agencies by their self-check result of the year (submitted, else the last by the deadline) and places each report against its deadline', async () => {
    const o = await cityOverview({ db: tdb.db, clock: testClock }, systemActor(), city, 2023);
    expect(o.agencies.map((x) => x.code)).toEqual(['cty', 'cta', 'ctc', 'ctb']); // the city, then in pinyin order: 财政, 交通, 教育
    expect(o.ranking.map((r) => [r.agency.code, r.rank, r.run?.score ?? null, r.run?.findingCount ?? null])).toEqual([
      ['ctb', 1, 90, 2],
      ['cty', 2, 83.3, 4],
      ['cta', 2, 83.3, 4],
      ['ctc', null, null, null],
    ]);
    expect(Object.fromEntries(o.reports.map((r) => [r.agency.code, [r.status, r.publishedOn, r.deadline.due, r.state, r.daysLate]]))).toEqual({
      cty: ['draft', null, '2024-03-31', 'overdue', 180],
      cta: ['published', '2024-01-31', '2024-01-31', 'on_time', 0],
      ctb: ['published', '2024-02-05', '2024-01-31', 'late', 5],
      ctc: [null, null, '2024-01-31', 'overdue', 240],
    });
  });

  it('puts the performance figures side by side, and sums them with rates over all the answers', async () => {
    const o = await cityOverview({ db: tdb.db, clock: testClock }, systemActor(), city, 2023);
    const calendar = await loadWorkCalendar(tdb.db);
    for (const { agency, row } of o.figures) expect(row).toEqual(figureRow(await agencyPerformance(tdb.db, calendar, agency.id, 2023, testClock.today())));
    expect(o.figures.map((f) => f.agency.code)).toEqual(o.agencies.map((x) => x.code));
    // Received in the year is table 3's first row, counted by another module: the two must agree.
    expect(o.total.received).toBe(o.table3.received.total);
    expect(o.total.answered).toBe(o.figures.reduce((s, f) => s + f.row.answered, 0));
    expect(o.total.answered).toBeGreaterThan(300);
    expect(o.total.onTimeRate).toBeCloseTo(o.total.answeredOnTime / o.total.answered, 10);
    expect(o.total.medianWorkdays).toBeGreaterThan(0);
    expect(o.figures.find((f) => f.agency.code === 'ctc')?.row).toMatchObject({ received: 0, onTimeRate: null, medianWorkdays: null });
  });

  it('refuses the overview to anyone who is not the government’s member', async () => {
    const child = { kind: 'user' as const, id: 1, name: 'x', isSuperadmin: false, roles: new Map([[a.id, new Set(['admin' as const])]]) };
    await expect(cityOverview({ db: tdb.db, clock: testClock }, child, city, 2023)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const member = { ...child, roles: new Map([[city.id, new Set(['editor' as const])]]) };
    await expect(cityOverview({ db: tdb.db, clock: testClock }, member, { ...city, kind: 'department' }, 2023)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('shows the page and its CSV to the city office, read only, and to nobody else', async () => {
    const office = new Agent(app, '10.7.0.1');
    await office.login('cityoffice', TEST_PASSWORD);
    const home = await office.get('/admin/cty');
    expect(home.body).toContain('href="/admin/cty/city"');
    const page = await office.get('/admin/cty/city?year=2023');
    expect(page.statusCode).toBe(200);
    for (const text of [
      '示范市财政局',
      '示范市教育局',
      '示范市交通运输局',
      '未自查',
      '逾期发布',
      '逾期未发布',
      '按时发布',
      '本级',
      '（七）总计',
      '按期答复率',
      '合计',
    ])
      expect(page.body).toContain(text);
    expect(page.body).toContain('href="/gk/cta/reports/2023"');
    expect(page.body).toContain('href="/gk/ctc/performance?year=2023"');
    expect(page.body).not.toContain('邻市');
    const csv = await office.get('/admin/cty/city/figures.csv?year=2023');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^year,agency,name,rank,score,findings/);
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.includes(',ctb,'))).toMatch(/^2023,ctb,示范市教育局,1,90,2,2024-05-01,published,2024-01-31,2024-02-05,late,5,\d+,/);
    expect(lines.find((l) => l.includes(',ctc,'))).toMatch(/^2023,ctc,示范市交通运输局,,,,,none,2024-01-31,,overdue,240,0,0,0,,,,0,0,0,0,0,0,0,$/);
    expect(lines[5]).toMatch(/^2023,total,合计,,,,,,,,,,\d+,/);

    // The children's records stay theirs: their consoles read as absent to the city office, and so do its writes.
    expect((await office.get('/admin/cta')).statusCode).toBe(404);
    expect((await office.get('/admin/cta/compliance')).statusCode).toBe(404);
    expect((await office.get('/admin/cta/reports/2023')).statusCode).toBe(404);
    expect((await office.post('/admin/cta/compliance', { year: '2023' })).statusCode).toBe(404);

    // A child agency's user and another city's user do not see the city view; a department has none.
    const childUser = new Agent(app, '10.7.0.2');
    await childUser.login('childadmin', TEST_PASSWORD);
    expect((await childUser.get('/admin/cty/city')).statusCode).toBe(404);
    expect((await childUser.get('/admin/cty/city/figures.csv')).statusCode).toBe(404);
    expect((await childUser.get('/admin/cta/city')).statusCode).toBe(404);
    expect((await childUser.get('/admin/cta')).body).not.toContain('/city"');
    const neighbour = new Agent(app, '10.7.0.3');
    await neighbour.login('othercity', TEST_PASSWORD);
    expect((await neighbour.get('/admin/cty/city')).statusCode).toBe(404);
    expect((await neighbour.get('/admin/oth/city')).statusCode).toBe(200);
  });

  it('lets the city office read the findings behind a score, without the agency’s record links, and nobody else', async () => {
    const results = [
      {
        code: 'guide.contact',
        title: '公开指南载明联系方式',
        rule: '《条例》第十二条',
        weight: 5,
        manual: false,
        passed: false,
        findings: [{ key: 'contact:fax', message: '公开指南未载明传真' }],
      },
      {
        code: 'applications.on_time',
        title: '依申请公开按期答复',
        rule: '《条例》第三十三条',
        weight: 15,
        manual: false,
        passed: false,
        findings: [{ key: 'application:9:overdue', message: '申请 2023-0009 已超过答复期限', href: 'applications/9' }],
      },
    ];
    await tdb.db
      .updateTable('complianceRuns')
      .set({ resultJson: JSON.stringify(results) })
      .where('agencyId', '=', b.id)
      .execute();
    const office = new Agent(app, '10.7.0.4');
    await office.login('cityoffice', TEST_PASSWORD);
    expect((await office.get('/admin/cty/city?year=2023')).body).toContain('href="/admin/cty/city/ctb/compliance?year=2023"');
    const page = await office.get('/admin/cty/city/ctb/compliance?year=2023');
    expect(page.statusCode).toBe(200);
    for (const text of ['示范市教育局 2023 年度合规自查结果', '公开指南未载明传真', '申请 2023-0009 已超过答复期限', '90']) expect(page.body).toContain(text);
    expect(page.body).not.toContain('applications/9');
    expect(page.body).not.toContain('name="runId"');
    expect((await office.get('/admin/cty/city/ctc/compliance?year=2023')).body).toContain('未自查');
    expect((await office.get('/admin/cty/city/otha/compliance?year=2023')).statusCode).toBe(404);
    const childUser = new Agent(app, '10.7.0.5');
    await childUser.login('childadmin', TEST_PASSWORD);
    expect((await childUser.get('/admin/cty/city/cta/compliance?year=2023')).statusCode).toBe(404);
  });
});
