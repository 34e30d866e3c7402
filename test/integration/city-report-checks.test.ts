import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHandlers } from '../../src/composition.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const received = (n: number) => ({ natural_person: n, total: n });
/** A published report whose tables agree and whose text says `text`. */
const report = (agency: string, text: string) => ({
  kind: 'report',
  agency,
  year: 2022,
  publishedOn: '2023-01-20',
  tables: {
    applications: { received: received(3), outcomes: { granted: received(3) }, closedTotal: received(3) },
    appeals: { reconsideration: { upheld: 1, total: 1 } },
  },
  sections: { intro: '', overview: text, problems: '', other: '' },
});

describe.each(DIALECTS)('the city checks its agencies’ published reports on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, testClock);
    await buildAgency(tdb.db, { code: 'rcc', name: '核查市人民政府', kind: 'government' });
    await buildAgency(tdb.db, { code: 'rca', name: '核查市财政局', parentCode: 'rcc' });
    await buildAgency(tdb.db, { code: 'rcb', name: '核查市教育局', parentCode: 'rcc' });
    await buildAgency(tdb.db, { code: 'rcn', name: '核查市农业农村局', parentCode: 'rcc' });
    await buildUser(tdb.db, {
      agencyId: (await tdb.db.selectFrom('agencies').select('id').where('code', '=', 'rcc').executeTakeFirstOrThrow()).id,
      role: 'reviewer',
      username: 'rcoffice',
    });
    const lines = [
      report('rca', '2022年共收到政府信息公开申请5件，办结3件。因政府信息公开被申请行政复议1件。'),
      report('rcb', '2022年共收到政府信息公开申请3件，全部办结。'),
    ];
    const result = await importRecords(
      { db: tdb.db, clock: testClock },
      systemActor(),
      importHandlers,
      parseImportText(lines.map((l) => JSON.stringify(l)).join('\n')),
      {
        replace: false,
      },
    );
    expect(result).toEqual({ report: 2 });
  });
  afterAll(async () => {
    await app.close();
    await tdb.destroy();
  });

  it('lists each agency’s findings (the text’s 5 applications against table 3’s 3), the unpublished, and the CSV', async () => {
    const office = new Agent(app, '10.8.0.1');
    await office.login('rcoffice', TEST_PASSWORD);
    const overview = await office.get('/admin/rcc/city?year=2022');
    expect(overview.body).toContain('/admin/rcc/city/report-checks?year=2022');
    const page = await office.get('/admin/rcc/city/report-checks?year=2022');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('正文“2022年共收到政府信息公开申请5件，办结3件”：收到申请数为 5，表格为 3');
    expect(body).toContain('id="agency-rca-title"');
    expect(body).not.toContain('id="agency-rcb-title"');
    expect(body).toContain('未发布');
    const csv = await office.get('/admin/rcc/city/report-checks.csv?year=2022');
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('year,agency,name,report,rule,table,row,column,message');
    expect(rows.filter((r) => r.includes(',rca,'))).toEqual([
      '2022,rca,核查市财政局,published,TX,表三,,,正文“2022年共收到政府信息公开申请5件，办结3件”：收到申请数为 5，表格为 3',
    ]);
    expect(rows.find((r) => r.includes(',rcn,'))).toBe('2022,rcn,核查市农业农村局,none,,,,,未发布');
  });

  it('is not found for a child agency’s own users or another government', async () => {
    await buildUser(tdb.db, {
      agencyId: (await tdb.db.selectFrom('agencies').select('id').where('code', '=', 'rca').executeTakeFirstOrThrow()).id,
      role: 'admin',
      username: 'rcchild',
    });
    const child = new Agent(app, '10.8.0.2');
    await child.login('rcchild', TEST_PASSWORD);
    expect((await child.get('/admin/rcc/city/report-checks?year=2022')).statusCode).toBe(404);
    expect((await child.get('/admin/rcc/city/report-checks.csv?year=2022')).statusCode).toBe(404);
    expect((await child.get('/admin/rca/city/report-checks?year=2022')).statusCode).toBe(404);
  });
});
