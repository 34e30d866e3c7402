import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadWorkCalendar } from '../../src/calendar/calendar.service.ts';
import { main } from '../../src/cli/main.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { applicationRecord, documentRecord } from '../builders/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// Finding 7 of issue 11: files from outside (interchange records, holiday arrangements, report tables) are read
// strictly — invalid UTF-8, NUL bytes, overlong lines, deep nesting, prototype keys and impossible dates are refused
// with the file's real line number, exit 2 and nothing written; control characters are never echoed raw.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-imports-'));
let fileNo = 0;
/** Writes bytes (Buffer) or text (UTF-8) to a fresh file and returns its path. */
const file = (content: Buffer | string, ext = 'jsonl') => {
  const f = path.join(dir, `f${++fileNo}.${ext}`);
  fs.writeFileSync(f, content);
  return f;
};
const json = (o: unknown) => JSON.stringify(o);
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe.each(DIALECTS)('hostile import files on %s', (dialect) => {
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
  const counts = async () => {
    const n = async (table: 'applications' | 'documents' | 'appeals' | 'annualReports') =>
      Number(
        (
          await tdb.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { applications: await n('applications'), documents: await n('documents'), appeals: await n('appeals'), reports: await n('annualReports') };
  };
  const NOTHING = { applications: 0, documents: 0, appeals: 0, reports: 0 };
  const good = json(applicationRecord('lcgxj', 'A-1', '2022-03-01'));

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb);
    const agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: 'root', superadmin: true });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('gongkai import refuses invalid UTF-8 naming the real line (blank lines counted), exit 2, nothing written', async () => {
    const [before, after] = json(applicationRecord('lcgxj', 'A-2', '2022-03-01', [], { subject: '@' })).split('@') as [string, string];
    const bad = bytes(good, '\n\n', before, [0xff, 0xfe, 0xfd], 'bad', after, '\n');
    const res = await cli('import', file(bad));
    expect({ code: res.code, errors: res.errors }).toMatchObject({ code: 2, errors: expect.stringContaining('第 3 行') });
    expect(res.errors).toContain('UTF-8');
    expect(await counts()).toEqual(NOTHING);
    // A valid file behind a byte-order mark imports.
    const withBom = await cli('import', file(bytes([0xef, 0xbb, 0xbf], good, '\n')));
    expect({ code: withBom.code, errors: withBom.errors }).toEqual({ code: 0, errors: '' });
    await tdb.db.deleteFrom('applicationEvents').execute();
    await tdb.db.deleteFrom('applications').execute();
  });

  it('refuses NUL bytes, an overlong line, deep nesting and prototype keys, each with its line', async () => {
    const cases: { name: string; content: Buffer | string; line: number; says: string }[] = [
      { name: 'raw NUL', content: bytes(good, '\n', '{"kind":"application","subject":"a', [0], 'b"}'), line: 2, says: 'NUL' },
      { name: 'escaped NUL', content: `${good}\n\n\n{"kind":"application","subject":"a\\u0000b"}`, line: 4, says: 'NUL' },
      { name: 'overlong line', content: `${good}\n{"kind":"application","subject":"${'长'.repeat(3_500_000)}"}\n`, line: 2, says: '10 MB' },
      { name: 'deep nesting', content: `${good}\n\n${good}\n${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, line: 4, says: '嵌套' },
      { name: '__proto__', content: `${good}\n{"kind":"application","__proto__":{"isSuperadmin":1}}`, line: 2, says: '__proto__' },
      { name: 'constructor', content: `\n${good}\n{"kind":"application","events":[{"constructor":{"prototype":1}}]}`, line: 3, says: 'constructor' },
      { name: 'escaped key', content: `{"kind":"application","\\u005f_proto__":{}}`, line: 1, says: '__proto__' },
      { name: 'in a JSON array', content: `[\n  ${good},\n\n  {"kind":"application","prototype":{}}\n]`, line: 4, says: 'prototype' },
      { name: 'replacement character', content: `${good}\n{"kind":"application","subject":"\uFFFD\uFFFDbad"}`, line: 2, says: 'U+FFFD' },
    ];
    for (const c of cases) {
      const res = await cli('import', file(c.content));
      expect(
        { name: c.name, code: res.code, line: res.errors.includes(`第 ${c.line} 行`), says: res.errors.includes(c.says) },
        res.errors.slice(0, 500),
      ).toEqual({
        name: c.name,
        code: 2,
        line: true,
        says: true,
      });
    }
    expect(await counts()).toEqual(NOTHING);
  });

  it('refuses impossible dates wherever a date is read, by line, all or nothing', async () => {
    const report = { kind: 'report', agency: 'lcgxj', year: 2021, tables: { applications: {} } };
    const records = [
      json(applicationRecord('lcgxj', 'A-1', '2022-03-01')),
      json(applicationRecord('lcgxj', 'A-2', '2022-02-30')),
      json(applicationRecord('lcgxj', 'A-3', '2022-03-01', [{ type: 'closed', on: '2023-13-01', outcome: 'granted' }])),
      json(documentRecord('lcgxj', 'D-1', { category: 'policy', issuedOn: '2022-02-30', publishedOn: '2022-03-01' })),
      json({ kind: 'appeal', agency: 'lcgxj', ref: 'F-1', type: 'reconsideration', filedOn: '2023-13-01', application: 'A-1' }),
      json({ ...report, publishedOn: '2022-02-30' }),
    ];
    const res = await cli('import', file(records.join('\n')));
    expect(res.code).toBe(2);
    for (const line of [2, 3, 4, 5, 6]) expect(res.errors, res.errors).toContain(`第 ${line} 行`);
    expect(res.errors).not.toContain('第 1 行');
    expect(await counts()).toEqual(NOTHING);
    // The same report with a real date imports, stamped with that day.
    const ok = await cli('import', file(json({ ...report, publishedOn: '2022-02-28' })));
    expect({ code: ok.code, errors: ok.errors }).toEqual({ code: 0, errors: '' });
    const stored = await tdb.db.selectFrom('annualReports').select('publishedAt').executeTakeFirstOrThrow();
    expect(stored.publishedAt).toBe('2022-02-28T00:00:00.000Z');
    await tdb.db.deleteFrom('annualReports').execute();
  });

  it('gongkai calendar import refuses invalid UTF-8, NUL and prototype keys with the line; a BOM is fine', async () => {
    const arrangement = (year: number, name: string) =>
      `{\n  "year": ${year},\n  "holidays": [\n    { "name": "元旦", "from": "${year}-01-01" },\n    { "name": "${name}", "from": "${year}-02-01" }\n  ]\n}\n`;
    const invalid = Buffer.from(arrangement(2031, 'XX').replace('XX', '\u0001\u0002'), 'utf8');
    invalid[invalid.indexOf(1)] = 0xff;
    invalid[invalid.indexOf(2)] = 0xfe;
    const res = await cli('calendar', 'import', file(invalid, 'json'));
    expect({ code: res.code, line: res.errors.includes('第 5 行') }, res.errors).toEqual({ code: 2, line: true });
    const nul = await cli('calendar', 'import', file(Buffer.from(arrangement(2031, 'a\u0000b')), 'json'));
    expect({ code: nul.code, line: nul.errors.includes('第 5 行') }, nul.errors).toEqual({ code: 2, line: true });
    const proto = await cli('calendar', 'import', file(arrangement(2031, '春节').replace('"year"', '"__proto__": {},\n  "year"'), 'json'));
    expect({ code: proto.code, line: proto.errors.includes('第 2 行') }, proto.errors).toEqual({ code: 2, line: true });
    const impossible = await cli('calendar', 'import', file(arrangement(2031, '春节').replace('2031-02-01', '2031-02-30'), 'json'));
    expect(impossible.code).toBe(2);
    expect((await loadWorkCalendar(tdb.db)).isLoaded(2031)).toBe(false);
    const bom = await cli('calendar', 'import', file(bytes([0xef, 0xbb, 0xbf], arrangement(2031, '春节')), 'json'));
    expect({ code: bom.code, errors: bom.errors }).toEqual({ code: 0, errors: '' });
    expect((await loadWorkCalendar(tdb.db)).isLoaded(2031)).toBe(true);
  });

  it('the console calendar form refuses NUL and replacement characters with the line, loading nothing', async () => {
    const root = new Agent(app, '10.7.0.1');
    await root.login('root', TEST_PASSWORD);
    for (const bad of ['2033-01-01 休 元旦\n\n2033-02-01 休 \uFFFD\uFFFD', '2033-01-01 休 元旦\n\n2033-02-01 休 a\u0000b']) {
      const res = await root.post('/admin/platform/calendar', { text: bad, year: '2033', source: '测试' });
      expect({ status: res.statusCode, line: res.body.includes('第 3 行') }).toEqual({ status: 400, line: true });
    }
    const json = await root.post('/admin/platform/calendar', { text: '{"year": 2033,\n"holidays": [], "constructor": {}}' });
    expect({ status: json.statusCode, line: json.body.includes('第 2 行') }).toEqual({ status: 400, line: true });
    expect((await loadWorkCalendar(tdb.db)).isLoaded(2033)).toBe(false);
  });

  it('report check names the real line (blank lines counted) and never echoes control characters', async () => {
    const head = 'table,row,natural_person,business,research,public_interest,legal_services,other_org,total';
    const csv = file(`agency,year,format\nlcgxj,2022,2021\n\n${head}\n\napplications,received,2\u001b[2J\u001b]0;pwned\u0007,,,,,,2\n`, 'csv');
    const res = await cli('report', 'check', csv);
    expect(res.code).toBe(2);
    expect(res.errors).toContain('第 6 行');
    expect(res.errors).toContain('\\x1b[2J');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw control character may reach the terminal.
    expect(res.errors).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const nul = await cli('report', 'check', file(`${head}\napplications,received,1\u0000,,,,,,1\n`, 'csv'));
    expect({ code: nul.code, line: nul.errors.includes('第 2 行') }).toEqual({ code: 2, line: true });
    const deep = await cli('report', 'check', file(`{\n"tables":\n${'{"a":'.repeat(200)}1${'}'.repeat(200)}}`, 'json'));
    expect({ code: deep.code, line: deep.errors.includes('第 3 行') }, deep.errors).toEqual({ code: 2, line: true });
    const proto = await cli('report', 'check', file('{"tables": {"applications": {"received": {"__proto__": {"total": 5}}}}}', 'json'));
    expect({ code: proto.code, says: proto.errors.includes('__proto__') }).toEqual({ code: 2, says: true });
    const invalid = await cli('report', 'check', file(bytes(`${head}\n\napplications,received,`, [0xc3, 0x28], ',,,,,,1\n'), 'csv'));
    expect({ code: invalid.code, line: invalid.errors.includes('第 3 行') }).toEqual({ code: 2, line: true });
  });

  it('escapes control characters in every import problem it prints', async () => {
    const res = await cli('import', file(`${json({ kind: 'app\u001b[31mlication\u202e' })}\n`));
    expect(res.code).toBe(2);
    expect(res.errors).toContain('\\x1b[31m');
    expect(res.errors).toContain('\\u202e');
    // Names stored earlier are escaped when listed, too.
    expect((await cli('agency', 'create', 'esc', '某\u001b[2J局')).code).toBe(0);
    const list = await cli('agency', 'list');
    expect(list.out).toContain('esc\t某\\x1b[2J局\tdepartment');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw control character may reach the terminal.
    expect(res.errors).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
  });
});
