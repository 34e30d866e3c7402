import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/db/schema.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { t } from '../../src/shared/i18n/zh-CN.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const F = t.reports.fileCheck;
const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'reports');
const fixture = (name: string) => ({ name: 'file', filename: name, data: fs.readFileSync(path.join(FIXTURES, name)) });

/** The console's check of one report file as published (issue 15, item 1: "the console accepts the report as published"). */
describe.each(DIALECTS)('checking a report file in the console on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  let editor: Agent;
  let outsider: Agent;
  const url = () => `/admin/${agency.code}/reports/check-file`;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, fixedClock('2023-01-10T02:00:00Z'));
    agency = await buildAgency(tdb.db, { name: '测试市人民政府办公室', kind: 'government' });
    const u = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    editor = new Agent(app);
    await editor.login(u.username, TEST_PASSWORD);
    const elsewhere = await buildAgency(tdb.db);
    const o = await buildUser(tdb.db, { agencyId: elsewhere.id, role: 'admin' });
    outsider = new Agent(app);
    await outsider.login(o.username, TEST_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('reads a saved HTML page and names its real finding: 长春二道 2022 left 总计 blank', async () => {
    // Reached from the agency's reports list.
    expect((await editor.get(`/admin/${agency.code}/reports`)).body).toContain(`href="${url()}"`);
    const form = await editor.get(url());
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('type="file"');
    const res = await editor.postMultipart(url(), {}, [fixture('changchun-erdao-zhengshou-2022.html')]);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain(F.failed(1));
    expect(res.body).toContain('表三行“（一）予以公开”列“总计”：未填写（其所合计的各项之和为 18）');
    // What was read, labels as printed; the blank total shown as blank, not as 0.
    expect(res.body).toContain('读取：html 文件，2021 年格式');
    expect(res.body).toMatch(/<th scope="row">（一）予以公开<\/th>[\s\S]*?<td class="num">18<\/td>/);
    expect(res.body).toContain('未找到表四');
  });

  it('passes a report whose tables agree (天津河西 2022, CSV) and checks R5 against the year before when given', async () => {
    const res = await editor.postMultipart(url(), {}, [fixture('tianjin-hexi-zwfwb-2022.csv')]);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(F.passed);
    expect(res.body).toContain('1517');
  });

  it('refuses what it cannot read with a Chinese message, and no file at all', async () => {
    await editor.get(url());
    const none = await editor.postMultipart(url(), {}, [{ name: 'file', filename: '', data: Buffer.alloc(0) }]);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain(F.noFile);
    const txt = await editor.postMultipart(url(), {}, [{ name: 'file', filename: '年报.txt', data: Buffer.from('你好') }]);
    expect(txt.statusCode).toBe(400);
    expect(txt.body).toContain(F.badType('年报.txt'));
    const empty = await editor.postMultipart(url(), {}, [
      { name: 'file', filename: 'report.html', data: Buffer.from('<html><body><p>无表格</p></body></html>') },
    ]);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(F.unreadable('report.html', t.reports.published.nothingFound));
    const docx = await editor.postMultipart(url(), {}, [{ name: 'file', filename: 'report.docx', data: Buffer.from('not a zip') }]);
    expect(docx.statusCode).toBe(400);
    expect(docx.body).toContain('“report.docx”无法读取');
  });

  it('is for the agency’s members only, and a post needs the form’s token', async () => {
    expect((await outsider.get(url())).statusCode).toBe(404);
    const anon = new Agent(app);
    const res = await anon.postMultipart(url(), {}, [fixture('tianjin-hexi-zwfwb-2022.csv')]);
    expect([302, 303, 401, 403]).toContain(res.statusCode);
  });
});
