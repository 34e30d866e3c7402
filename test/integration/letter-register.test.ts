import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import { saveApplicationSettings } from '../../src/applications/settings.service.ts';
import type { Agency } from '../../src/db/schema.ts';
import { parseCsv } from '../../src/reports/report-input.ts';
import { type Actor, systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// 02:00 UTC on 7 December 2026 is 10:00 in China: the letters are signed on the 7th.
const clock = fixedClock('2026-12-07T02:00:00Z');

describe.each(DIALECTS)('the 答复书登记簿 on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  let editor: Actor;
  let leader: Actor;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    agency = await buildAgency(tdb.db, { code: 'reg', name: '聊城市工业和信息化局' });
    const ed = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: `reg-ed-${dialect}` });
    const ld = await buildUser(tdb.db, { agencyId: agency.id, role: 'leader' });
    const ad = await buildUser(tdb.db, { agencyId: agency.id, role: 'admin' });
    editor = userActor(ed.id, agency.id, 'editor');
    leader = userActor(ld.id, agency.id, 'leader');
    await saveApplicationSettings({ db: tdb.db, clock }, userActor(ad.id, agency.id, 'admin'), agency.id, {
      docNumberPattern: '聊工信依申复〔{year}〕{n}号',
      reviewBody: '聊城市人民政府',
      court: '聊城市东昌府区人民法院',
      answerDownloadDays: '30',
    });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  /** A case answered 予以公开 and signed; sent when `send`. */
  async function signed(subject: string, send: boolean) {
    const deps = { db: tdb.db, clock };
    const c = await registerApplication(deps, systemActor(), agency, staffApplicationForm({ receivedOn: '2026-12-01', subject }));
    await actOnApplication(deps, editor, agency, c.id, 'draft_answer', { outcome: 'granted' });
    const row = await tdb.db.selectFrom('applications').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    await actOnApplication(deps, editor, agency, c.id, 'save_answer', {
      outcome: 'granted',
      legalBasis: row.legalBasis ?? '',
      letter: row.answerLetter ?? '',
      submit: '1',
    });
    await actOnApplication(deps, leader, agency, c.id, 'sign_answer', {});
    if (send) await actOnApplication(deps, editor, agency, c.id, 'send_answer', { on: '2026-12-07' });
    return c;
  }

  it('lists the year’s signed letters in 文号 order, each whole with its 救济途径, for the agency’s members only', async () => {
    const first = await signed('2026年技术改造项目名单', true);
    const second = await signed('2026年专精特新企业名单', false);
    await registerApplication({ db: tdb.db, clock }, systemActor(), agency, staffApplicationForm({ receivedOn: '2026-12-02' }));

    const staff = new Agent(app, '10.6.0.1');
    await staff.login(`reg-ed-${dialect}`, TEST_PASSWORD);
    const res = await staff.get('/admin/reg/applications/letters.csv?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const [head, ...rows] = parseCsv(res.body.slice(1));
    expect(head).toEqual(['文号', '申请编号', '收到申请日期', '办理结果', '签发日期', '送达日期', '答复书全文']);
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['聊工信依申复〔2026〕1号', first.ref, '2026-12-01', '（一）予以公开', '2026-12-07'],
      ['聊工信依申复〔2026〕2号', second.ref, '2026-12-01', '（一）予以公开', '2026-12-07'],
    ]);
    const text = rows[0]?.[6] ?? '';
    expect(text.split('\n').slice(0, 2)).toEqual(['政府信息公开申请答复书', '聊工信依申复〔2026〕1号']);
    expect(text).toContain('聊城市人民政府申请行政复议');
    expect(text).toContain('聊城市东昌府区人民法院');
    expect(text).toContain('二〇二六年十二月七日');
    expect(text).toContain('2026年技术改造项目名单');

    // Another year is empty; a signed-out visitor is sent to sign in; the page links the register.
    expect(parseCsv((await staff.get('/admin/reg/applications/letters.csv?year=2025')).body.slice(1))).toHaveLength(1);
    const visitor = await new Agent(app, '10.6.0.2').get('/admin/reg/applications/letters.csv');
    expect(visitor.statusCode).toBe(302);
    expect((await staff.get('/admin/reg/applications')).body).toContain('href="/admin/reg/applications/letters.csv"');
  });
});
