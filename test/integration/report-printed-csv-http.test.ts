import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/db/schema.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// The console's download of the printed CSV layout, beside the interchange one.
describe.each(DIALECTS)('the report’s printed CSV in the console on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  let editor: Agent;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, fixedClock('2023-01-10T02:00:00Z'));
    agency = await buildAgency(tdb.db, { name: '测试市工业和信息化局' });
    const u = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    editor = new Agent(app);
    await editor.login(u.username, TEST_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('links it on the report page and serves it as an attachment with a BOM; a bad layout is refused', async () => {
    const base = `/admin/${agency.code}/reports/2022`;
    expect((await editor.get(base)).body).toContain(`href="${base}/export/csv?layout=printed"`);
    const res = await editor.get(`${base}/export/csv?layout=printed`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${agency.code}-2022-gongkai-report-printed.csv"`);
    expect(res.body.startsWith('\uFEFF测试市工业和信息化局2022年政府信息公开工作年度报告\r\n')).toBe(true);
    expect(res.body).toContain('\r\n,自然人,法人或其他组织,,,,,总计\r\n');
    const plain = await editor.get(`${base}/export/csv`);
    expect(plain.body.replace(/^\uFEFF/, '').startsWith('agency,year,format\r\n')).toBe(true);
    expect((await editor.get(`${base}/export/csv?layout=fancy`)).statusCode).toBe(400);
  });
});
