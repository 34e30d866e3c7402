import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const FORMULA = '=HYPERLINK("http://x","y")';

/** A cell as the file holds it (RFC 4180 quoting), to find in the raw text. */
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;
// A cell (at a line start or after a comma, quoted or not) that a spreadsheet would run as a formula.
const FORMULA_CELL = /(^|,)"?[=+@\t]/m;

describe.each(DIALECTS)('CSV exports neutralise formulas on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, testClock);
    const city = await buildAgency(tdb.db, { code: 'csvcity', name: '@SUM(1+1)*cmd|" /C calc"!A0', kind: 'government' });
    await buildAgency(tdb.db, { code: 'csvdept', name: FORMULA, parentCode: 'csvcity' });
    await buildAgency(tdb.db, { code: 'csvplus', name: '+1+1', parentCode: 'csvcity' });
    await buildAgency(tdb.db, { code: 'csvminus', name: '-1+1', parentCode: 'csvcity' });
    await buildUser(tdb.db, { agencyId: city.id, role: 'editor', username: 'csv-city' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('the public 工作数据 CSV writes an agency name that is a formula as text', async () => {
    const res = await app.inject('/gk/csvdept/performance.csv?year=2024');
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    expect(res.body).toContain('\r\n');
    expect(res.body).toContain(`csvdept,${quoted(`'${FORMULA}`)},2024,`);
    expect(res.body).not.toMatch(FORMULA_CELL);
  });

  it('the city CSV writes every formula-like name as text and keeps numbers as numbers', async () => {
    const office = new Agent(app, '10.8.0.1');
    await office.login('csv-city', TEST_PASSWORD);
    const res = await office.get('/admin/csvcity/city/figures.csv?year=2024');
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    expect(res.body).toContain(`,csvcity,${quoted('\'@SUM(1+1)*cmd|" /C calc"!A0')},`);
    expect(res.body).toContain(`,csvdept,${quoted(`'${FORMULA}`)},`);
    expect(res.body).toContain(",csvplus,'+1+1,");
    expect(res.body).toContain(",csvminus,'-1+1,");
    expect(res.body).not.toMatch(FORMULA_CELL);
  });
});
