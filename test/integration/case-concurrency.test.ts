/**
 * Two servers acting on one case at the same moment. Every pair of case actions that can conflict is sent at once,
 * one action to each of two server processes on the same database (PostgreSQL, or one SQLite file), many times; whatever happens must be what some serial order of the two would give: never both passing
 * when the rules let only one, never a 500, and an event log that stays valid per transitions.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockEventsOf, derivedColumns, listEvents } from '../../src/applications/applications.repo.ts';
import type { ActionName } from '../../src/applications/applications.schema.ts';
import { registerApplication, submitOnlineApplication } from '../../src/applications/applications.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import { checkSequence } from '../../src/applications/transitions.ts';
import { verifyAuditChain } from '../../src/audit/audit.service.ts';
import { loadWorkCalendar } from '../../src/calendar/calendar.service.ts';
import type { Agency } from '../../src/db/schema.ts';
import { type Actor, publicActor, systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { onlineApplicationForm, staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';

// Cases are received on Thu 2024-10-31 and acted on dated Fri 2024-11-01 (the servers run on the real clock, later).
const clock = fixedClock('2024-11-01T02:00:00Z');
const TODAY = '2024-11-01';
const REPEATS = 3;

const LEADER_ACTIONS = new Set<ActionName>(['approve_extension', 'refuse_extension', 'return_answer', 'sign_answer']);

/** The event each action writes (to tell which of two committed first). */
const EVENT_OF: Partial<Record<ActionName, string>> = {
  confirm: 'confirmed',
  discard: 'discarded',
  request_correction: 'correction_requested',
  start_consultation: 'consultation_started',
  end_consultation: 'consultation_ended',
  request_extension: 'extension_requested',
  approve_extension: 'extended',
  refuse_extension: 'extension_refused',
  withdraw_extension: 'extension_withdrawn',
  issue_fee_notice: 'fee_notice',
  draft_answer: 'answer_drafted',
  return_answer: 'answer_returned',
  sign_answer: 'answer_signed',
  send_answer: 'closed',
  deliver: 'delivered',
  archive: 'archived',
  assign: 'assigned',
};

/** A signed-in browser over fetch: keeps cookies and the last CSRF token, follows no redirects. */
class Browser {
  private cookies = new Map<string, string>();
  private csrf = '';
  constructor(readonly base: string) {}
  async fetch(url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
    const res = await fetch(`${this.base}${url}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [name, ...rest] = (line.split(';')[0] ?? '').split('=');
      if (name) this.cookies.set(name.trim(), rest.join('='));
    }
    const body = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m?.[1]) this.csrf = m[1];
    return { status: res.status, body };
  }
  post(url: string, form: Record<string, string>) {
    return this.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, _csrf: this.csrf }).toString(),
    });
  }
  async login(username: string): Promise<number> {
    await this.fetch('/admin/login');
    return (await this.post('/admin/login', { username, password: TEST_PASSWORD, next: '/admin' })).status;
  }
}

/** Serial outcomes, worked out once (on the first dialect) and shared. */
const SERIAL = new Map<string, boolean>();

/** A state a case is brought to, and the actions two people may then take on it at once. */
type BaseState = { name: string; online?: boolean; steps: [ActionName, Record<string, string>][]; actions: ActionName[] };

describe.each(DIALECTS)('case actions from two servers at once on %s', (dialect) => {
  let tdb: TestDatabase;
  let servers: ServerProcess[] = [];
  let agency: Agency;
  let editor: Actor;
  let leader: Actor;
  let editorId: number;
  const browsers = new Map<string, Browser>();

  const inputs = (): Record<ActionName, Record<string, string>> => ({
    confirm: { on: TODAY },
    discard: { reason: '重复提交' },
    request_correction: { on: TODAY, items: '请补充所需信息的文号' },
    receive_correction: { on: TODAY },
    start_consultation: { on: TODAY, party: 'third_party', partyName: '某公司' },
    end_consultation: { on: TODAY },
    request_extension: { on: TODAY, days: '10', reason: '需要协调多个科室' },
    approve_extension: { on: TODAY },
    refuse_extension: { note: '无需延期' },
    withdraw_extension: { note: '可按期答复' },
    issue_fee_notice: { on: TODAY, schedule: 'per_page', pages: '1000', howToPay: '银行转账' },
    record_fee_payment: { on: TODAY },
    record_fee_notice_delivery: { on: TODAY },
    set_longer_period: { on: TODAY, dueOn: '2025-06-30', reason: '本月提交申请数量明显超过合理范围' },
    draft_answer: { outcome: 'granted' },
    save_answer: { outcome: 'granted', letter: '予以公开。', submit: '1' },
    return_answer: { note: '请修改' },
    sign_answer: {},
    send_answer: { on: TODAY },
    deliver: { on: TODAY, method: '电子邮件' },
    archive: { on: TODAY },
    assign: { handlerId: String(editorId) },
  });

  const answerSteps: [ActionName, Record<string, string>][] = [
    ['draft_answer', { outcome: 'granted' }],
    ['save_answer', { outcome: 'granted', letter: '予以公开。', submit: '1' }],
  ];
  const STATES: BaseState[] = [
    { name: 'awaiting confirmation', online: true, steps: [], actions: ['confirm', 'discard'] },
    {
      name: 'open',
      steps: [],
      actions: ['request_correction', 'start_consultation', 'request_extension', 'issue_fee_notice', 'draft_answer', 'assign'],
    },
    {
      name: 'in consultation',
      steps: [['start_consultation', { on: TODAY, party: 'third_party' }]],
      actions: ['end_consultation', 'request_extension', 'issue_fee_notice', 'draft_answer'],
    },
    {
      name: 'extension requested',
      steps: [['request_extension', { on: TODAY, days: '10', reason: '需要协调' }]],
      actions: ['approve_extension', 'refuse_extension', 'withdraw_extension', 'start_consultation', 'request_extension'],
    },
    { name: 'answer awaiting sign-off', steps: answerSteps, actions: ['sign_answer', 'return_answer'] },
    { name: 'answer signed', steps: [...answerSteps, ['sign_answer', {}]], actions: ['send_answer', 'start_consultation', 'request_extension'] },
    { name: 'answered', steps: [...answerSteps, ['sign_answer', {}], ['send_answer', { on: TODAY }]], actions: ['deliver'] },
    {
      name: 'delivered',
      steps: [...answerSteps, ['sign_answer', {}], ['send_answer', { on: TODAY }], ['deliver', { on: TODAY, method: '邮寄' }]],
      actions: ['archive'],
    },
  ];

  const deps = () => ({ db: tdb.db, clock });
  const actorFor = (action: ActionName) => (LEADER_ACTIONS.has(action) ? leader : editor);

  /** A new case brought to `state` through the service, one step at a time. */
  async function caseIn(state: BaseState): Promise<number> {
    const id = state.online
      ? (await submitOnlineApplication(deps(), publicActor, agency, onlineApplicationForm(), [])).id
      : (await registerApplication(deps(), systemActor(), agency, staffApplicationForm({ receivedOn: '2024-10-31' }))).id;
    for (const [action, values] of state.steps) await actOnApplication(deps(), actorFor(action), agency, id, action, values);
    return id;
  }

  /** Whether `actions` all pass, one after the other, on a fresh case in `state` (the rules are the same on both dialects). */
  async function passSerially(state: BaseState, ...actions: ActionName[]): Promise<boolean> {
    const key = `${state.name}|${actions.join(',')}`;
    const known = SERIAL.get(key);
    if (known !== undefined) return known;
    const passed = await runSerially(state, actions);
    SERIAL.set(key, passed);
    return passed;
  }

  async function runSerially(state: BaseState, actions: ActionName[]): Promise<boolean> {
    const id = await caseIn(state);
    const input = inputs();
    try {
      for (const action of actions) await actOnApplication(deps(), actorFor(action), agency, id, action, input[action]);
      return true;
    } catch {
      return false;
    }
  }

  /** Asserts the case's log is a valid sequence and its stored columns are the ones the log gives. */
  async function expectConsistent(id: number) {
    const row = await tdb.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const events = clockEventsOf(await listEvents(tdb.db, id));
    const calendar = await loadWorkCalendar(tdb.db);
    if (row.receivedOn) expect(checkSequence(calendar, row.receivedOn, events)).toEqual([]);
    const { columns } = derivedColumns(calendar, row, events);
    expect({ status: row.status, dueOn: row.dueOn, nextDueOn: row.nextDueOn, closedOn: row.closedOn }).toEqual({
      status: columns.status,
      dueOn: columns.dueOn,
      nextDueOn: columns.nextDueOn,
      closedOn: columns.closedOn,
    });
  }

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db, { code: `race${dialect}` });
    const ed = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: `race-ed-${dialect}` });
    const ld = await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: `race-ld-${dialect}` });
    editorId = ed.id;
    editor = userActor(ed.id, agency.id, 'editor');
    leader = userActor(ld.id, agency.id, 'leader');
    // Generous start-up time: the test machine may be busy (the servers compile on start).
    servers = await Promise.all([startServerProcess(tdb.env, 120_000), startServerProcess(tdb.env, 120_000)]);
    for (const [i, server] of servers.entries()) {
      for (const [role, username] of [
        ['editor', ed.username],
        ['leader', ld.username],
      ] as const) {
        const browser = new Browser(server.url);
        expect(await browser.login(username)).toBe(303);
        browsers.set(`${i}:${role}`, browser);
      }
    }
  }, 300_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await tdb?.cleanup();
  });

  it('never lets two conflicting actions both pass, never answers 500, and keeps every case log valid', async () => {
    const tried: string[] = [];
    // How a loser was refused: by the rules, or by the version guard (its transaction overlapped the winner's).
    const refusalOf = (body: string) => (body.includes('该申请刚刚被他人更新') ? 'version guard' : 'rules');
    for (const state of STATES) {
      const allowed: ActionName[] = [];
      for (const a of state.actions) if (await passSerially(state, a)) allowed.push(a);
      const pairs: [ActionName, ActionName][] = [];
      allowed.forEach((a, i) => {
        for (const b of allowed.slice(i)) pairs.push([a, b]);
      });
      for (const [a, b] of pairs) {
        // Only pairs that conflict: one order (at least) refuses the second action.
        const ab = await passSerially(state, a, b);
        const ba = a === b ? ab : await passSerially(state, b, a);
        if (ab && ba) continue;
        tried.push(`${state.name}: ${a} + ${b}`);
        for (let rep = 0; rep < REPEATS; rep++) {
          const id = await caseIn(state);
          const before = await listEvents(tdb.db, id);
          // Alternate which server gets which action; the editor's and leader's sessions live in the database.
          const [x, y] = rep % 2 === 0 ? [a, b] : [b, a];
          const post = (server: number, action: ActionName) =>
            (browsers.get(`${server}:${LEADER_ACTIONS.has(action) ? 'leader' : 'editor'}`) as Browser).post(
              `/admin/${agency.code}/applications/${id}/${action}`,
              inputs()[action],
            );
          const [rx, ry] = await Promise.all([post(0, x), post(1, y)]);
          const statuses = [rx.status, ry.status];
          const label = `${state.name}: ${x} (server 1) + ${y} (server 2) → ${statuses.join(', ')}`;
          for (const s of statuses) expect([303, 409], label).toContain(s);
          expect(statuses, label).toContain(303);
          // The loser waited for the winner and was refused by the rules on the case as the winner left it (told why),
          // not by the version guard (no page version was sent).
          for (const r of [rx, ry]) if (r.status === 409) expect(refusalOf(r.body), label).toBe('rules');
          const after = await listEvents(tdb.db, id);
          const added = after.slice(before.length);
          expect(added.length, label).toBe(statuses.filter((s) => s === 303).length);
          if (statuses.every((s) => s === 303)) {
            // Both passed: the order they committed in must be one the rules allow one after the other.
            const first = added[0]?.type === EVENT_OF[x] ? x : y;
            const then = first === x ? y : x;
            expect(a === b ? ab : first === a ? ab : ba, `${label}: ${first} then ${then} is not allowed`).toBe(true);
          }
          await expectConsistent(id);
        }
      }
    }
    expect(tried.length).toBeGreaterThan(10);
    expect(await verifyAuditChain(tdb.db)).toMatchObject({ ok: true });
  }, 300_000);

  it('the reported pair, 20 times: a consultation started on one server, an extension requested on the other', async () => {
    const open = STATES.find((st) => st.name === 'open') as BaseState;
    const input = inputs();
    for (let i = 0; i < 20; i++) {
      const id = await caseIn(open);
      const [consult, extend] = await Promise.all([
        (browsers.get('0:editor') as Browser).post(`/admin/${agency.code}/applications/${id}/start_consultation`, input.start_consultation),
        (browsers.get('1:editor') as Browser).post(`/admin/${agency.code}/applications/${id}/request_extension`, input.request_extension),
      ]);
      const types = (await listEvents(tdb.db, id)).map((e) => e.type);
      // A consultation no longer stops the clock (第三十二条: its pause ends by itself after 15 working days, so the
      // due date runs throughout): an extension may be requested during it, so both pass, in whichever order.
      expect([consult.status, extend.status]).toEqual([303, 303]);
      expect(types).toEqual(expect.arrayContaining(['consultation_started', 'extension_requested']));
      await expectConsistent(id);
    }
  }, 120_000);
});
