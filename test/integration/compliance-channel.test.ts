import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listQueue, queueSummary } from '../../src/applications/applications.queries.ts';
import { submitOnlineApplication } from '../../src/applications/applications.service.ts';
import { latestProbe, runChannelProbe, withdrawProbeApplications } from '../../src/applications/probe.service.ts';
import { injectTransport, type ProbeTransport } from '../../src/applications/probe-browser.ts';
import { PROBE_HEADER, probeToken } from '../../src/applications/probe-token.ts';
import { computeTable3ForAgency } from '../../src/applications/statistics.ts';
import { loadWorkCalendar } from '../../src/calendar/calendar.service.ts';
import { main } from '../../src/cli/main.ts';
import { findingsOf } from '../../src/compliance/indicator.ts';
import { channelIndicator } from '../../src/compliance/indicators/applications.ts';
import { exportHandlers } from '../../src/composition.ts';
import { loadConfig } from '../../src/config.ts';
import type { Agency } from '../../src/db/schema.ts';
import { publicActor, systemActor } from '../../src/shared/actor.ts';
import { serverSecret } from '../../src/web/server-secret.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { startServerProcess } from '../support/server.ts';

const person = {
  applicantType: 'natural_person',
  name: '张三',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '13800000000',
  subject: '2024年企业技术改造专项资金的分配结果',
  formWanted: 'electronic',
  wayWanted: 'online',
};

/** A transport that answers `fail` for the requests `breaks` matches and passes the rest to `inner`. */
const breaking = (inner: ProbeTransport, breaks: (method: string, path: string) => boolean, status = 500): ProbeTransport => ({
  target: inner.target,
  send: (r) => (breaks(r.method, r.path) ? Promise.resolve({ status, headers: {}, location: undefined, setCookies: [], body: '' }) : inner.send(r)),
});

// The channel probe goes through the real portal stack (GET the form, CSRF, multipart POST, receipt, tracking), then
// withdraws its test application: nothing may be left in the queue, the numbering, table 3 or the exports.
describe.each(DIALECTS)('the application channel probe on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  const deps = () => ({ db: tdb.db, clock: testClock, config: loadConfig({ ...tdb.env, GONGKAI_LOG_LEVEL: 'silent' }) });
  const applicationsOf = (agencyId: number) => tdb.db.selectFrom('applications').select(['id', 'ref', 'isProbe']).where('agencyId', '=', agencyId).execute();
  const auditActions = async () =>
    (await tdb.db.selectFrom('auditLog').select(['action']).where('agencyId', '=', agency.id).orderBy('id').execute()).map((r) => r.action);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, testClock);
    agency = await buildAgency(tdb.db, { code: 'chan', name: '渠道局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'chan-editor' });
    const elsewhere = await buildAgency(tdb.db, { code: 'chanx' });
    await buildUser(tdb.db, { agencyId: elsewhere.id, role: 'admin', username: 'chanx-admin' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('passes against a working portal and leaves no application behind', async () => {
    const result = await runChannelProbe(deps(), systemActor('测试'), agency, injectTransport(app));
    expect(result).toMatchObject({ ok: true, failedStep: null, target: 'in-process' });
    expect(result.message).toMatch(/测试申请（查询号 \d{8}-\d{6}）已提交/);
    expect(await applicationsOf(agency.id)).toEqual([]);
    const actions = await auditActions();
    expect(actions).toEqual(expect.arrayContaining(['application.submit', 'application.probe_withdrawn', 'compliance.probe']));
    expect(actions.indexOf('application.probe_withdrawn')).toBeLessThan(actions.indexOf('compliance.probe'));
    const stored = await latestProbe(tdb.db, agency.id, 2024);
    expect(stored).toMatchObject({ id: result.id, ok: true });
    const ctx = { db: tdb.db, agency, year: 2024, today: testClock.today(), calendar: await loadWorkCalendar(tdb.db) };
    expect(await channelIndicator.run(ctx)).toEqual([]);
    // The public numbering is untouched: the next real application is the year's first.
    const real = await submitOnlineApplication({ db: tdb.db, clock: testClock }, publicActor, agency, person, []);
    expect(real.ref).toBe('2024-0001');
  });

  it('keeps a probe application out of the queue, table 3 and exports while it exists, and withdraws it', async () => {
    const other = await buildAgency(tdb.db, { code: 'chan2' });
    const probe = await submitOnlineApplication({ db: tdb.db, clock: testClock }, publicActor, other, { ...person, subject: '测试' }, [], { probe: true });
    expect(probe.ref).toBe(`TEST-${probe.trackingNo}`);
    await submitOnlineApplication({ db: tdb.db, clock: testClock }, publicActor, other, person, []);
    const queueDeps = { db: tdb.db, clock: testClock };
    for (const status of ['pending', 'all'] as const) {
      const page = await listQueue(queueDeps, other.id, { status, overdue: false, page: 1 });
      expect({ refs: page.items.map((r) => r.ref), total: page.total }).toEqual({ refs: ['2024-0001'], total: 1 });
    }
    expect((await queueSummary(tdb.db, other.id, testClock.today(), '2099-12-31')).pending).toBe(1);
    expect((await computeTable3ForAgency(tdb.db, other.id, 2024)).received.total).toBe(0);
    const exported = [];
    const handler = exportHandlers.find((h) => h.kind === 'application');
    for await (const r of handler?.exportRecords(tdb.db, 'chan2', { today: testClock.today() }) ?? []) exported.push(r);
    expect(exported).toEqual([]);
    expect(await withdrawProbeApplications(queueDeps, systemActor('测试'), other.id, '测试')).toBe(1);
    expect((await applicationsOf(other.id)).map((a) => a.ref)).toEqual(['2024-0001']);
  });

  it('marks only requests with a valid token: a forged header files an ordinary application', async () => {
    const other = await buildAgency(tdb.db, { code: 'chan3' });
    const citizen = new Agent(app, '10.7.0.1');
    await citizen.get('/gk/chan3/apply');
    const forged = probeToken('not-the-server-secret-not-the-server-secret', 'chan3', testClock.now());
    const res = await app.inject({
      method: 'GET',
      url: '/gk/chan3/apply',
      headers: { [PROBE_HEADER]: forged },
    });
    expect(res.headers[PROBE_HEADER]).toBeUndefined();
    const good = probeToken(await serverSecret(tdb.db, deps().config), 'chan3', testClock.now());
    expect((await app.inject({ method: 'GET', url: '/gk/chan3/apply', headers: { [PROBE_HEADER]: good } })).headers[PROBE_HEADER]).toBe('accepted');
    expect((await citizen.postMultipart('/gk/chan3/apply', person)).statusCode).toBe(303);
    expect((await applicationsOf(other.id)).map((a) => [a.ref, a.isProbe])).toEqual([['2024-0001', 0]]);
  });

  it('fails at the step whose route is broken, withdraws what it submitted, and the indicator finds it', async () => {
    const failing = await buildAgency(tdb.db, { code: 'chan4' });
    const submitBroken = breaking(injectTransport(app), (m, p) => m === 'POST' && p === '/gk/chan4/apply');
    const r1 = await runChannelProbe(deps(), systemActor('测试'), failing, submitBroken);
    expect(r1).toMatchObject({ ok: false, failedStep: 'submit' });
    expect(r1.message).toContain('HTTP 500');
    // Submitted, then tracking broken: the application exists when the probe fails, and is withdrawn all the same.
    const trackBroken = breaking(injectTransport(app), (m, p) => m === 'POST' && p === '/gk/chan4/track', 503);
    const r2 = await runChannelProbe(deps(), systemActor('测试'), failing, trackBroken);
    expect(r2).toMatchObject({ ok: false, failedStep: 'track' });
    expect(await applicationsOf(failing.id)).toEqual([]);
    const withdrawn = await tdb.db
      .selectFrom('auditLog')
      .select('id')
      .where('agencyId', '=', failing.id)
      .where('action', '=', 'application.probe_withdrawn')
      .execute();
    expect(withdrawn).toHaveLength(1);

    const ctx = { db: tdb.db, agency: failing, year: 2024, today: testClock.today(), calendar: await loadWorkCalendar(tdb.db) };
    const findings = findingsOf(await channelIndicator.run(ctx));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ key: 'channel:probe', href: 'compliance#probe' });
    expect(findings[0]?.message).toMatch(/^在线申请渠道检测未通过（2024-09-27，查询办理进度）：/);
    // Another year has no probe: 未检测 (neither passed nor failed: out of the score).
    const never = await channelIndicator.run({ ...ctx, year: 2023 });
    expect(never).toEqual({ unchecked: expect.stringContaining('2023 年度尚未检测在线申请渠道') });
    // Working again: the latest probe passes and the finding disappears (same key closes the item).
    expect((await runChannelProbe(deps(), systemActor('测试'), failing, injectTransport(app))).ok).toBe(true);
    expect(await channelIndicator.run(ctx)).toEqual([]);
  });

  it('refuses to submit when the server does not recognise the token', async () => {
    const other = await buildAgency(tdb.db, { code: 'chan5' });
    const inner = injectTransport(app);
    const stripped: ProbeTransport = { target: inner.target, send: (r) => inner.send({ ...r, headers: { ...r.headers, [PROBE_HEADER]: 'x' } }) };
    const result = await runChannelProbe(deps(), systemActor('测试'), other, stripped);
    expect(result).toMatchObject({ ok: false, failedStep: 'form' });
    expect(result.message).toContain('GONGKAI_SECRET');
    expect(await applicationsOf(other.id)).toEqual([]);
  });

  it('runs from the console self-check page', async () => {
    const editor = new Agent(app, '10.7.0.2');
    await editor.login('chan-editor', TEST_PASSWORD);
    const before = await editor.get('/admin/chan/compliance');
    expect(before.body).toContain('在线申请渠道检测');
    const res = await editor.post('/admin/chan/compliance/probe', {});
    expect(res.statusCode).toBe(303);
    const page = await editor.get('/admin/chan/compliance');
    expect(page.body).toContain('<span class="badge ok">正常</span>');
    expect(page.body).toContain('本服务器内部检测');
    expect((await applicationsOf(agency.id)).map((a) => a.ref)).toEqual(['2024-0001']);
    // Another agency's staff cannot probe this one: the agency reads as absent.
    const outsider = new Agent(app, '10.7.0.3');
    await outsider.login('chanx-admin', TEST_PASSWORD);
    await outsider.get('/admin/chanx/compliance');
    expect((await outsider.post('/admin/chan/compliance/probe', {})).statusCode).toBe(404);
  });

  describe('gongkai check --probe', () => {
    let lines: string[];
    let errors: string;
    const run = async (...args: string[]) => runWith({}, ...args);
    /** The command with extra settings (the platform's own address, which --probe-url must name). */
    const runWith = async (env: Record<string, string>, ...args: string[]) => {
      lines = [];
      errors = '';
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        errors += String(chunk);
        return true;
      });
      try {
        return await main(['node', 'gongkai', ...args], (l) => lines.push(l), { ...tdb.env, GONGKAI_LOG_LEVEL: 'silent', ...env });
      } finally {
        spy.mockRestore();
      }
    };

    it('probes in process, then reports the channel indicator as passed', async () => {
      const code = await run('check', 'chan', '--probe');
      expect({ code, errors }).toMatchObject({ code: 0, errors: '' });
      expect(lines[0]).toMatch(/^在线申请渠道检测：正常 — 测试申请（查询号 \d{8}-\d{6}）已提交/);
      expect(lines.join('\n')).toContain('✓ [applications.channel]');
      expect((await applicationsOf(agency.id)).map((a) => a.ref)).toEqual(['2024-0001']);
    });

    it('probes a running server with --probe-url, and refuses a bad address', async () => {
      const server = await startServerProcess(tdb.env);
      try {
        const code = await runWith({ GONGKAI_PUBLIC_URL: server.url }, 'check', 'chan', '--probe-url', server.url);
        expect({ code, errors }).toMatchObject({ code: 0, errors: '' });
        expect(lines[0]).toMatch(/^在线申请渠道检测：正常/);
        expect((await latestProbe(tdb.db, agency.id))?.target).toBe(server.url);
      } finally {
        await server.stop();
      }
      expect((await applicationsOf(agency.id)).map((a) => a.ref)).toEqual(['2024-0001']);
      expect(await run('check', 'chan', '--probe-url', 'ftp:nowhere')).toBe(2);
      expect(errors).toContain('地址无效');
    }, 150_000);

    it('reports a failed probe and the finding when the server is not there', async () => {
      const code = await runWith({ GONGKAI_PUBLIC_URL: 'http://127.0.0.1:9' }, 'check', 'chan', '--probe-url', 'http://127.0.0.1:9');
      expect(code).toBe(0);
      expect(lines[0]).toMatch(/^在线申请渠道检测：未通过，打开申请页面 — 请求失败：/);
      expect(lines.join('\n')).toContain('✗ [applications.channel]');
    });
  });
});
