import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { computeTable3ForAgency, computeTable4ForAgency } from '../../src/applications/statistics.ts';
import { main } from '../../src/cli/main.ts';
import { importHandlers } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { buildAgency, testClock } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const example = (agency: string, overrides: Record<string, unknown> = {}) => ({
  kind: 'application',
  agency,
  ref: '2022-001',
  receivedOn: '2022-03-01',
  channel: 'online',
  applicantType: 'natural_person',
  applicant: { name: '张三', phone: '13800000000' },
  subject: '无线电初级操作证报考条件',
  events: [
    { type: 'correction_requested', on: '2022-03-03', note: '请补充所需信息的文号或特征描述' },
    { type: 'correction_received', on: '2022-03-08' },
    { type: 'consultation_started', on: '2022-03-10', party: 'third_party' },
    { type: 'consultation_ended', on: '2022-03-17' },
    { type: 'extended', on: '2022-04-01', days: 20 },
    { type: 'closed', on: '2022-04-20', outcome: 'partial' },
  ],
  ...overrides,
});

describe.each(DIALECTS)('gongkai import / export of applications and appeals on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  let dir: string;
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
  const file = (name: string, records: unknown[]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    return p;
  };
  const count = async () =>
    Number(
      (
        await tdb.db
          .selectFrom('applications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db, { code: `imp${dialect}` });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-import-'));
  });
  afterAll(async () => {
    await tdb?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const records = () => [
    example(agency.code),
    example(agency.code, { ref: '2022-002', receivedOn: '2022-06-01', events: [{ type: 'closed', on: '2022-07-15', outcome: 'granted' }] }),
    example(agency.code, { ref: '2022-003', receivedOn: '2022-12-20', applicantType: 'business', events: [] }),
    {
      kind: 'appeal',
      agency: agency.code,
      ref: 'FY-2022-01',
      type: 'reconsideration',
      filedOn: '2022-05-06',
      application: '2022-001',
      result: 'upheld',
      decidedOn: '2022-07-01',
    },
    { kind: 'appeal', agency: agency.code, ref: 'SS-2022-01', type: 'litigation_direct', filedOn: '2022-11-01', result: 'pending' },
  ];

  it('writes nothing when one line is bad, and names the line, the field and the reason', async () => {
    const bad = records();
    bad[1] = example(agency.code, { ref: '2022-002', receivedOn: '2022-06-31', events: [{ type: 'closed', on: '2022-07-15', outcome: 'granted' }] });
    bad[2] = example(agency.code, {
      ref: '2022-003',
      events: [
        { type: 'extended', on: '2022-03-02', days: 15 },
        { type: 'extended', on: '2022-03-03', days: 10 },
      ],
    });
    const res = await cli('import', file('bad.jsonl', bad));
    expect(res.code).toBe(2);
    expect(res.errors).toContain('第 2 行 receivedOn：日期格式应为 YYYY-MM-DD，且须为真实日期');
    expect(res.errors).toContain('第 3 行 events.1.days：延长答复期限合计不得超过 20 个工作日（已延长 15 个工作日）。');
    expect(res.errors).toContain('未写入任何记录');
    expect(await count()).toBe(0);
    expect(await tdb.db.selectFrom('appeals').selectAll().execute()).toHaveLength(0);
    // An appeal that points at an application not in the file or the database fails the whole file too.
    const orphan = await cli('import', file('orphan.jsonl', [records()[0], { ...(records()[3] as object), application: '2099-999' }]));
    expect(orphan.errors).toContain('第 2 行 application：本机关没有登记号为“2099-999”的申请');
    expect(await count()).toBe(0);
  });

  it('imports all, with one audit record per agency and the due fields derived', async () => {
    const res = await cli('import', file('good.jsonl', records()));
    expect(res).toMatchObject({ code: 0 });
    expect(res.out).toContain('application 3 条');
    expect(res.out).toContain('appeal 2 条');
    const audit = await tdb.db.selectFrom('auditLog').select(['action', 'afterJson']).where('action', 'in', ['application.import', 'appeal.import']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['appeal.import', 'application.import']);
    expect(JSON.parse(audit.find((a) => a.action === 'application.import')?.afterJson ?? '{}')).toEqual({ created: 3, replaced: 0 });
    const first = await tdb.db.selectFrom('applications').selectAll().where('ref', '=', '2022-001').executeTakeFirstOrThrow();
    // Restart 2022-03-08; 03-09 (1), 03-10 (2), paused 03-11…03-17 (5 working days), 03-18 (3) … 04-01 (13),
    // 04-02 Sat 补班 (14), 04-03…05 清明, 04-06 (15) … 04-13 (20); extended by 20: 04-14 (21) … 04-22 (27),
    // 04-24 Sun 补班 (28), 04-25 (29) … 04-29 (33), 04-30…05-04 劳动节, 05-05 (34), 05-06 (35), 05-07 Sat 补班 (36), 05-09 (37) … 05-12 (40).
    expect(first).toMatchObject({
      status: 'closed',
      closedOn: '2022-04-20',
      outcome: 'partial',
      dueOn: '2022-05-12',
      correctionDueOn: '2022-03-10',
      trackingNo: null,
    });
    const table = await computeTable3ForAgency(tdb.db, agency.id, 2022);
    expect(table.received).toMatchObject({ natural_person: 2, business: 1, total: 3 });
    expect(table.outcomes.partial.total).toBe(1);
    expect(table.carriedOut.business).toBe(1);
    const t4 = await computeTable4ForAgency(tdb.db, agency.id, 2022);
    expect(t4.reconsideration).toMatchObject({ upheld: 1, total: 1 });
    expect(t4.litigationDirect).toMatchObject({ pending: 1, total: 1 });
  });

  it('exports with the computed fields, and round-trips', async () => {
    const res = await cli('export', 'applications', agency.code);
    expect(res.code).toBe(0);
    const out = res.out.split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ ref: '2022-001', dueOn: '2022-05-12', provisional: false, status: 'closed', overdue: false, correctionDueOn: '2022-03-10' });
    expect(out[0].events).toEqual(example(agency.code).events);
    // 2022-06-01: 06-03 端午, so 06-02 (1), 06-06 (2) … 06-30 (20); answered 07-15, late.
    expect(out[1]).toMatchObject({ ref: '2022-002', dueOn: '2022-06-30', status: 'closed', overdue: true });
    expect(out[1].correctionDueOn).toBeUndefined();
    expect(out[2]).toMatchObject({ ref: '2022-003', status: 'open', overdue: true });
    const appeals = (await cli('export', 'appeals', agency.code)).out.split('\n').map((l) => JSON.parse(l));
    expect(appeals[0]).toEqual(records()[3]);
    expect((await cli('export', 'applications', agency.code, '--year', '2021')).out).toBe('');
  });

  it('refuses to import the same agency + ref again unless --replace, which updates in place', async () => {
    const again = await cli('import', file('again.jsonl', records().slice(0, 1)));
    expect(again.code).toBe(2);
    expect(again.errors).toContain('第 1 行 ref：已存在登记号为“2022-001”的申请；如需替换，请使用 --replace');
    const before = await tdb.db.selectFrom('applications').select('id').where('ref', '=', '2022-001').executeTakeFirstOrThrow();
    const changed = example(agency.code, { events: [{ type: 'closed', on: '2022-03-20', outcome: 'granted' }] });
    const replaced = await cli('import', file('replace.jsonl', [changed]), '--replace');
    expect(replaced.code).toBe(0);
    const after = await tdb.db.selectFrom('applications').selectAll().where('ref', '=', '2022-001').executeTakeFirstOrThrow();
    expect(after).toMatchObject({ id: before.id, outcome: 'granted', closedOn: '2022-03-20', correctionDueOn: null });
    expect(await tdb.db.selectFrom('applicationEvents').select('type').where('applicationId', '=', before.id).execute()).toEqual([{ type: 'closed' }]);
    const appeal = await tdb.db.selectFrom('appeals').select('applicationId').where('ref', '=', 'FY-2022-01').executeTakeFirstOrThrow();
    expect(appeal.applicationId).toBe(before.id);
  });

  it('refreshes PostgreSQL planner statistics after a large import, so the next queries are not planned for empty tables', async () => {
    const big = await buildAgency(tdb.db, { code: `bulk${dialect}` });
    const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify(example(big.code, { ref: `2023-${i}` })));
    const counts = await importRecords({ db: tdb.db, clock: testClock }, systemActor('测试'), importHandlers, parseImportText(lines.join('\n')), {
      replace: false,
    });
    expect(counts.application).toBe(1000);
    if (dialect !== 'postgres') return;
    // last_analyze is set by ANALYZE only (autovacuum sets last_autoanalyze): the importer ran it.
    const stats = await sql<{ relname: string; analyzed: boolean }>`
      select relname, last_analyze is not null as analyzed from pg_stat_user_tables
      where schemaname = current_schema() and relname in ('applications', 'application_events')`.execute(tdb.db);
    expect(stats.rows.sort((a, b) => (a.relname < b.relname ? -1 : 1))).toEqual([
      { relname: 'application_events', analyzed: true },
      { relname: 'applications', analyzed: true },
    ]);
  });
});
