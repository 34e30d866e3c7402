import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { offeredYears } from '../../src/console/years.ts';
import { type DatabaseHandle, type Dialect, openDatabase } from '../../src/db/database.ts';
import { buildDemo, DEMO_PASSWORD } from '../../src/demo/demo.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

/** The demo built into a throwaway database of the dialect. */
async function demoDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-oversight-'));
  const cleanDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    await buildDemo(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' }));
    const handle: DatabaseHandle = openDatabase({ dataDir: dir });
    return {
      ...handle,
      env: { GONGKAI_DATA_DIR: dir },
      cleanup: async () => {
        await handle.destroy();
        cleanDir();
      },
    };
  }
  const tdb = await createTestDatabase('postgres');
  await buildDemo(loadConfig({ ...tdb.env, GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' }));
  return {
    ...tdb,
    cleanup: async () => {
      await tdb.cleanup();
      cleanDir();
    },
  };
}

/** The part of a page from an element with `id` to the end of its section. */
const sectionOf = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}-title"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
};
const hrefs = (html: string) => [...html.matchAll(/<a href="([^"#]+)[^"]*"/g)].map((m) => (m[1] as string).replaceAll('&amp;', '&'));

// Issue 16 (fix links by role, city cards that partition, the same years everywhere) and issue 14 item 6 (the city
// account's counts agree with its rows), on the demo.
describe.each(DIALECTS)('the demo’s oversight pages on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  const year = Number(systemClock.today().slice(0, 4));

  beforeAll(async () => {
    tdb = await demoDatabase(dialect);
    app = await buildTestApp(tdb, systemClock);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it.each(['admin', 'editor', 'reviewer', 'leader'])('gives %s only fix links that open, and says who fixes the rest', async (role) => {
    const user = new Agent(app, `10.16.0.${role.length}`);
    await user.login(role, DEMO_PASSWORD);
    let followed = 0;
    for (const y of [2022, year]) {
      expect((await user.post('/admin/lcgxj/compliance', { year: String(y) })).statusCode).toBe(303);
      const page = await user.get('/admin/lcgxj/compliance');
      const findings = sectionOf(page.body, 'findings');
      expect(findings).not.toBe('');
      for (const href of new Set(hrefs(findings).filter((h) => !h.includes('/rectification')))) {
        const res = await user.get(href);
        expect([href, res.statusCode]).toEqual([href, 200]);
        followed++;
      }
      // The empty categories are explained on the column settings page, an admin's: others are told who can.
      if (role !== 'admin' && findings.includes('栏目没有公开信息')) {
        expect(findings).not.toContain('/disclosure-settings');
        expect(findings).toContain('需由本机关管理员处理');
      }
    }
    expect(followed).toBeGreaterThan(0);
  });

  it('shows the city cards as a partition of the agencies, each equal to its rows, for every year offered', async () => {
    const city = new Agent(app, '10.16.1.1');
    await city.login('city', DEMO_PASSWORD);
    const lcs = await tdb.db.selectFrom('agencies').select('id').where('code', '=', 'lcs').executeTakeFirstOrThrow();
    const children = await tdb.db.selectFrom('agencies').select('id').where('parentId', '=', lcs.id).execute();
    const years = await offeredYears(tdb.db, [lcs.id, ...children.map((c) => c.id)], systemClock.today());
    expect(years[0]).toBe(year);
    expect(years).toContain(2022);
    for (const y of years) {
      const page = await city.get(`/admin/lcs/city?year=${y}`);
      expect(page.statusCode).toBe(200);
      const tile = (label: string) => Number(new RegExp(`<span class="stat">([^<]+)</span><span>${label}</span>`).exec(page.body)?.[1]);
      const agencies = tile('机关数');
      expect(agencies).toBe(1 + children.length);
      const reports = sectionOf(page.body, 'reports');
      const cards = { 按时发布: tile('年报按期发布'), 逾期发布: tile('年报逾期发布'), 逾期未发布: tile('年报逾期未发布'), 未到期: tile('年报未到期') };
      expect(Object.values(cards).reduce((s, n) => s + n, 0)).toBe(agencies);
      // Each card counts its rows (the standing badge of the reports table).
      for (const [label, n] of Object.entries(cards))
        expect([y, label, (reports.match(new RegExp(`>${label}(（|<)`, 'g')) ?? []).length]).toEqual([y, label, n]);
      // The same years everywhere: the city's switch offers exactly these, never a year to come.
      const switchYears = [...page.body.matchAll(/href="\/admin\/lcs\/city\?year=(\d{4})"/g)].map((m) => Number(m[1]));
      expect([...new Set(switchYears)].sort()).toEqual([...years].sort());
    }
  });

  it('offers on the rectification list the years with data up to the current one, as the city view does', async () => {
    const editor = new Agent(app, '10.16.2.1');
    await editor.login('editor', DEMO_PASSWORD);
    const page = await editor.get('/admin/lcgxj/rectification');
    const offered = [...new Set([...page.body.matchAll(/href="\/admin\/lcgxj\/rectification\?year=(\d{4})"/g)].map((m) => Number(m[1])))];
    const lcgxj = await tdb.db.selectFrom('agencies').select('id').where('code', '=', 'lcgxj').executeTakeFirstOrThrow();
    expect(offered.sort()).toEqual((await offeredYears(tdb.db, [lcgxj.id], systemClock.today())).sort());
    expect(Math.max(...offered)).toBe(year);
  });
});
