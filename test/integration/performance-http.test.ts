import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHandlers } from '../../src/composition.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// Personal data the fixture carries: none of it may reach the public page or either CSV.
const PERSONAL = ['张三丰', '13912345678', '371502198001011234', '东昌府区某路1号', '某企业的环评报告'];

const records = [
  {
    kind: 'application',
    agency: 'ph',
    ref: 'P-1',
    receivedOn: '2024-03-01',
    channel: 'online',
    applicantType: 'natural_person',
    applicant: { name: '张三丰', phone: '13912345678', idNumber: '371502198001011234', address: '东昌府区某路1号' },
    subject: '某企业的环评报告',
    events: [{ type: 'closed', on: '2024-03-12', outcome: 'granted' }],
  },
  {
    kind: 'appeal',
    agency: 'ph',
    ref: 'FY-2024-01',
    type: 'reconsideration',
    filedOn: '2024-04-01',
    application: 'P-1',
    result: 'upheld',
    decidedOn: '2024-06-01',
  },
  {
    kind: 'document',
    agency: 'ph',
    ref: 'D-1',
    title: '关于某事项的通知',
    body: '<p>正文</p>',
    topic: '工业',
    category: 'policy',
    issuedOn: '2024-05-06',
    publishedOn: '2024-05-07',
  },
];

describe.each(DIALECTS)('the performance pages on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, testClock);
    const ph = await buildAgency(tdb.db, { code: 'ph', name: '数据局' });
    const other = await buildAgency(tdb.db, { code: 'other', name: '别的局' });
    await buildUser(tdb.db, { agencyId: ph.id, role: 'reviewer', username: 'ph-reviewer' });
    await buildUser(tdb.db, { agencyId: other.id, role: 'admin', username: 'other-admin' });
    const text = records.map((r) => JSON.stringify(r)).join('\n');
    await importRecords({ db: tdb.db, clock: testClock }, systemActor(), importHandlers, parseImportText(text), { replace: false });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('shows the public page of a year with its figures, charts with text alternatives, and no personal data', async () => {
    const res = await get('/gk/ph/performance?year=2024');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2024年度政府信息公开工作数据');
    expect(res.body).toContain('href="/gk/ph/performance.csv?year=2024"');
    expect(res.body).toMatch(/<svg class="chart" role="img" aria-label="2024年度办结申请的办理结果：予以公开 1/);
    expect(res.body).toMatch(/<table id="perf-outcome-groups">/);
    expect(res.body).toContain('aria-label="2024年度每月主动公开的信息：1月 0，2月 0，3月 0，4月 0，5月 1，');
    for (const p of PERSONAL) expect(res.body).not.toContain(p);
    // The column's navigation leads here.
    expect((await get('/gk/ph/')).body).toContain('href="/gk/ph/performance"');
  });

  it('serves the CSV: UTF-8 with a byte-order mark, one line per figure, no personal data', async () => {
    const res = await get('/gk/ph/performance.csv?year=2024');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ph-performance-2024.csv"');
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('agency,agency_name,year,as_of,figure,item,label,value');
    expect(lines).toContain('ph,数据局,2024,2024-09-27,received,total,本年收到的申请,1');
    expect(lines).toContain('ph,数据局,2024,2024-09-27,on_time_rate,ratio,按期答复率,1');
    expect(lines).toContain('ph,数据局,2024,2024-09-27,appeals,reconsideration.upheld,行政复议：结果维持,1');
    expect(lines).toContain('ph,数据局,2024,2024-09-27,documents_by_month,2024-05,5月,1');
    for (const p of PERSONAL) expect(res.body).not.toContain(p);
  });

  it('takes this year without a year, and answers 404 for a year that is not one or lies ahead', async () => {
    expect((await get('/gk/ph/performance')).body).toContain('2024年度政府信息公开工作数据');
    for (const year of ['abc', '2025', '1999', '20240']) expect((await get(`/gk/ph/performance?year=${year}`)).statusCode).toBe(404);
    expect((await get('/gk/nosuch/performance')).statusCode).toBe(404);
    // A past year shows zeros and undefined rates, not an error.
    const past = await get('/gk/ph/performance.csv?year=2023');
    expect(past.body).toContain('ph,数据局,2023,2023-12-31,on_time_rate,ratio,按期答复率,\r\n');
  });

  it('shows the console page and CSV to any member of the agency, and reads as absent to others', async () => {
    const member = new Agent(app);
    await member.login('ph-reviewer', TEST_PASSWORD);
    const page = await member.get('/admin/ph/performance?year=2024');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2024年度政府信息公开工作数据');
    expect(page.body).toMatch(/<a href="\/admin\/ph\/performance" aria-current="page"/);
    const csv = await member.get('/admin/ph/performance.csv?year=2024');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('ph,数据局,2024,2024-09-27,received,total,本年收到的申请,1');

    const outsider = new Agent(app);
    await outsider.login('other-admin', TEST_PASSWORD);
    expect((await outsider.get('/admin/ph/performance')).statusCode).toBe(404);
    expect((await outsider.get('/admin/ph/performance.csv')).statusCode).toBe(404);
    const anonymous = await get('/admin/ph/performance');
    expect([302, 303]).toContain(anonymous.statusCode);
  });
});
