import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DueDateRecomputer, importArrangements, loadWorkCalendar, parseArrangementFile } from '../../src/calendar/calendar.service.ts';
import { main } from '../../src/cli/main.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const FIXTURE_2027 = path.resolve(import.meta.dirname, '../fixtures/calendar-2027.json');

describe.each(DIALECTS)('the holiday calendar on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  const cli = async (...args: string[]) => {
    const lines: string[] = [];
    let errors = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
      errors += String(c);
      return true;
    });
    try {
      const code = await main(['node', 'gongkai', ...args], (l) => lines.push(l), { ...tdb.env, GONGKAI_LOG_LEVEL: 'silent' });
      return { code, out: lines.join('\n'), errors };
    } finally {
      spy.mockRestore();
    }
  };
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('is seeded for 2004–2026 and counts 调休 days', async () => {
    const calendar = await loadWorkCalendar(tdb.db);
    expect(calendar.loadedYears()[0]).toBe(2004);
    expect(calendar.loadedYears().at(-1)).toBe(2026);
    expect(calendar.isLoaded(2027)).toBe(false);
    // 2024-10-12 was a Saturday worked for 国庆节.
    expect(calendar.dayInfo('2024-10-12')).toMatchObject({ workday: true, reason: 'makeup_workday' });
  });

  it('refuses an answer through 2027 until it is loaded, then answers and lists the moved cases', async () => {
    const before = await cli('workdays', 'add', '2026-12-20', '20');
    expect(before.code).toBe(2);
    expect(before.errors).toContain('2027 年的节假日安排尚未载入');
    const provisional = await cli('workdays', 'add', '2026-12-20', '20', '--provisional');
    // The whole result is compared so a failure shows what the command printed on stderr.
    expect(provisional).toMatchObject({ code: 0, out: '2027-01-15' });

    const imported = await cli('calendar', 'import', FIXTURE_2027);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('已载入 2027 年的节假日安排');
    // With 元旦 1–3 January 2027 off, the 20th working day after 2026-12-20 moves from 01-15 to 01-18.
    const after = await cli('workdays', 'add', '2026-12-20', '20');
    expect(after).toMatchObject({ code: 0, out: '2027-01-18' });
    const audit = await tdb.db.selectFrom('auditLog').selectAll().where('action', 'like', 'calendar.year.%').execute();
    expect(audit.map((a) => a.entityId)).toContain('2027');
  });

  it('recomputes open cases in the same transaction and reports which moved', async () => {
    const seen: string[] = [];
    const recomputer: DueDateRecomputer = async (_trx, calendar) => {
      const due = calendar.addWorkdays('2027-01-25', 20).date;
      seen.push(due);
      return [{ agencyCode: 'x', kind: 'application', ref: 'A-1', oldDueOn: '2027-02-22', newDueOn: due }];
    };
    const text = fs.readFileSync(FIXTURE_2027, 'utf8').replace('"2027-02-12"', '"2027-02-11"');
    const change = await importArrangements({ db: tdb.db, clock: testClock, recomputers: [recomputer] }, systemActor(), parseArrangementFile(text));
    expect(change.years).toEqual([2027]);
    expect(change.moved).toHaveLength(1);
    // The recomputer saw the new calendar: 2027-02-12 is a working day now.
    expect((await loadWorkCalendar(tdb.db)).isWorkday('2027-02-12')).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('writes nothing when a recomputer fails (one transaction)', async () => {
    const failing: DueDateRecomputer = async () => {
      throw new Error('recompute failed');
    };
    const text = fs.readFileSync(FIXTURE_2027, 'utf8').replace('测试用 2027 年安排（非官方）', '失败的导入');
    await expect(importArrangements({ db: tdb.db, clock: testClock, recomputers: [failing] }, systemActor(), parseArrangementFile(text))).rejects.toThrow(
      'recompute failed',
    );
    const row = await tdb.db.selectFrom('calendarYears').select('source').where('year', '=', 2027).executeTakeFirstOrThrow();
    expect(row.source).not.toBe('失败的导入');
  });

  it('refuses bad files with the field named, and non-superadmins', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cal-'));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ year: 2028, holidays: [{ name: '元旦', from: '2028-13-01' }] }));
    const res = await cli('calendar', 'import', bad);
    expect(res.code).toBe(2);
    expect(res.errors).toContain('holidays[0].from');
    expect((await cli('calendar', 'import', path.join(dir, 'missing.json'))).errors).toContain('无法读取文件');
    const agency = await buildAgency(tdb.db);
    const actor = { kind: 'user' as const, id: 1, name: 'x', isSuperadmin: false, roles: new Map([[agency.id, new Set(['admin' as const])]]) };
    await expect(
      importArrangements({ db: tdb.db, clock: testClock }, actor, parseArrangementFile(fs.readFileSync(FIXTURE_2027, 'utf8'))),
    ).rejects.toBeInstanceOf(DomainError);
  });

  it('imports an iCalendar file of the kind chinese-days ships', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20280101',
      'DTEND;VALUE=DATE:20280104',
      'SUMMARY:元旦 休',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const change = await importArrangements({ db: tdb.db, clock: testClock }, systemActor(), parseArrangementFile(ics));
    expect(change.years).toContain(2028);
    expect((await loadWorkCalendar(tdb.db)).dayInfo('2028-01-03')).toMatchObject({ workday: false, reason: 'holiday' });
  });

  it('serves the calculator page and the JSON API, with clear errors for bad input', async () => {
    const page = await app.inject('/workdays?from=2024-09-27&days=20');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2024-10-30');
    expect(page.body).toContain('调休补班（国庆节）');
    const api = await app.inject('/api/v1/workdays/add?from=2024-09-27&days=20');
    expect(api.json()).toMatchObject({ dueOn: '2024-10-30', provisional: false });
    expect(api.json().steps.length).toBeGreaterThan(20);
    const between = await app.inject('/api/v1/workdays/between?from=2024-09-27&to=2024-10-30');
    expect(between.json()).toMatchObject({ days: 20, provisional: false });
    const bad = await app.inject('/api/v1/workdays/add?from=2024-02-30&days=20');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('真实日期');
    const negative = await app.inject('/workdays?from=2024-09-27&days=-3');
    expect(negative.statusCode).toBe(400);
    expect(negative.body).toContain('工作日数不能为负数');
    expect(negative.body).toContain('value="2024-09-27"');
    expect((await app.inject('/api/v1/workdays/add?from=2024-09-27&days=99999')).statusCode).toBe(400);
  });

  it('lets the superadmin correct a year in the console, listing it as changed', async () => {
    const agency = await buildAgency(tdb.db);
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: `root-${dialect}`, superadmin: true });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: `plain-${dialect}` });
    const plain = new Agent(app, '10.2.0.1');
    await plain.login(`plain-${dialect}`, TEST_PASSWORD);
    expect((await plain.get('/admin/platform/calendar')).statusCode).toBe(404);

    const root = new Agent(app, '10.2.0.2');
    await root.login(`root-${dialect}`, TEST_PASSWORD);
    expect((await root.get('/admin/platform/calendar/2027')).body).toContain('2027-01-01~2027-01-03 休 元旦');
    const bad = await root.post('/admin/platform/calendar', { text: '2029-01-01 放假', year: '2029' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('第 1 行无法识别');
    const ok = await root.post('/admin/platform/calendar', { text: '2029-01-01 休 元旦\n2029-02-10~2029-02-16 休 春节', year: '2029', source: '测试' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('已载入 2029 年的节假日安排');
    expect((await loadWorkCalendar(tdb.db)).isLoaded(2029)).toBe(true);
    const unload = await root.post('/admin/platform/calendar/2029/unload', { confirm: 'yes' });
    expect(unload.statusCode).toBe(200);
    expect((await loadWorkCalendar(tdb.db)).isLoaded(2029)).toBe(false);
  });
});
