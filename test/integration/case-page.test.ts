/**
 * The case page follows the case's events (issue 14): a pending extension is decided or withdrawn before the answer
 * is signed or sent, the letter's stage after sending, a late answer marked 逾期 on the page and in the queue, the
 * sign-off dated in China time, and every action the page offers is one the service accepts (and no other).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionFor } from '../../src/applications/applications.policy.ts';
import { loadCaseView } from '../../src/applications/applications.queries.ts';
import type { ActionName } from '../../src/applications/applications.schema.ts';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import type { CaseActionType } from '../../src/applications/transitions.ts';
import type { Agency } from '../../src/db/schema.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// 01:30 on 7 December in China is 17:30 UTC on 6 December: the sign-off is dated 2026-12-07 everywhere.
const clock = fixedClock('2026-12-06T17:30:00Z');
const TODAY = '2026-12-07';

const INPUTS: Record<CaseActionType, Record<string, string>> = {
  confirm: { on: TODAY },
  discard: { reason: '重复提交' },
  request_correction: { on: TODAY, items: '请写明文号', lateReason: '需核实' },
  receive_correction: { on: TODAY },
  start_consultation: { on: TODAY, party: 'third_party' },
  end_consultation: { on: TODAY },
  request_extension: { on: TODAY, days: '10', reason: '需协调多个科室' },
  approve_extension: { on: TODAY },
  refuse_extension: { note: '应按期答复' },
  withdraw_extension: { note: '可按期答复' },
  issue_fee_notice: { on: TODAY, schedule: 'per_page', pages: '1000', howToPay: '银行转账' },
  record_fee_notice_delivery: { on: TODAY, method: '电子邮件' },
  record_fee_payment: { on: TODAY },
  set_longer_period: { on: TODAY, dueOn: '2027-03-31', reason: '申请人短期内提交大量申请，明显超过合理范围' },
  draft_answer: { outcome: 'other.other' },
  submit_answer: {},
  return_answer: { note: '请修改' },
  sign_answer: {},
  send_answer: { on: TODAY },
  deliver: { on: TODAY, method: '电子邮件' },
  archive: { on: TODAY },
  assign: {},
};
const ACTIONS = (Object.keys(INPUTS) as CaseActionType[]).filter((a) => a !== 'submit_answer' && a !== 'assign') as ActionName[];

describe.each(DIALECTS)('the case page follows the case on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  let editor: Actor;
  let leader: Actor;
  let leaderAgent: Agent;
  const deps = () => ({ db: tdb.db, clock, registries: { appealsOfCase: async () => [] } });
  const actorFor = (a: ActionName) => (permissionFor(a) === 'handle' ? editor : leader);
  const act = (id: number, a: ActionName, values: Record<string, string> = INPUTS[a as CaseActionType] ?? {}) =>
    actOnApplication(deps(), actorFor(a), agency, id, a, values);

  /** A case received on `receivedOn` and brought through `steps`. */
  async function caseWith(steps: ActionName[], receivedOn = '2026-11-30'): Promise<number> {
    const { id } = await registerApplication(deps(), editor, agency, staffApplicationForm({ receivedOn }));
    for (const a of steps) {
      if (a === 'save_answer') {
        const row = await tdb.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await act(id, a, { outcome: row.outcome ?? 'granted', legalBasis: row.legalBasis ?? '', letter: row.answerLetter ?? '', submit: '1' });
      } else await act(id, a, a === 'draft_answer' ? { outcome: 'granted' } : undefined);
    }
    return id;
  }
  const ANSWERED: ActionName[] = ['draft_answer', 'save_answer'];

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    agency = await buildAgency(tdb.db, { code: `cp${dialect}`, name: '测试市工业和信息化局' });
    const ed = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: `cp-ed-${dialect}` });
    const ld = await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: `cp-ld-${dialect}` });
    editor = userActor(ed.id, agency.id, 'editor', '王承办');
    leader = userActor(ld.id, agency.id, 'leader', '李领导');
    leaderAgent = new Agent(app);
    await leaderAgent.login(`cp-ld-${dialect}`, TEST_PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  const page = async (id: number) => (await leaderAgent.get(`/admin/${agency.code}/applications/${id}`)).body;

  it('refuses signing while an extension request waits, says so, and signs once it is withdrawn — dated 2026-12-07', async () => {
    const id = await caseWith([...ANSWERED, 'request_extension']);
    const refused = await act(id, 'sign_answer').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('INVALID_STATE');
    expect((refused as DomainError).message).toBe('延期申请尚待审批：请领导先批准或不予批准，或由承办人撤回延期申请，再签发或发送答复。');
    // Through the console too: 409 with the message, and the page offers the decision, not the sign-off.
    const html = await page(id);
    expect(html).toContain('延期申请待审批：领导批准或不予批准、或承办人撤回之前，答复不能签发或发送。');
    expect(html).toContain('/refuse_extension"');
    expect(html).not.toContain('/sign_answer"');
    await act(id, 'withdraw_extension');
    await act(id, 'sign_answer');
    const signed = await page(id);
    expect(signed).toContain('于 2026-12-07 签发');
    expect(signed).toContain('<td class="nowrap">2026-12-07</td><td>领导签发</td>');
    expect(signed).not.toMatch(/2026-12-06 签发|2026-12-06<\/td><td>领导签发/);
    expect(signed).not.toContain('/refuse_extension"');
    const letter = (await leaderAgent.get(`/admin/${agency.code}/applications/${id}/letter`)).body;
    expect(letter).toContain('二〇二六年十二月七日');
    // Sent: the stage says so, and nothing offers a decision on an extension.
    await act(id, 'send_answer');
    const sent = await page(id);
    expect(sent).toContain('已于 2026-12-07 发送答复');
    expect(sent).not.toContain('已签发，待发送');
    expect(sent).not.toContain('不予批准延期');
    expect(sent).toContain('按期答复');
  });

  it('marks an answer given after the due date 逾期, in words, on the case page and in the queue', async () => {
    // Received Mon 2026-09-28; the engine's due date is Fri 2026-10-30 (the National Day holiday counted out).
    const id = await caseWith([...ANSWERED, 'sign_answer', 'send_answer'], '2026-09-28');
    const row = await tdb.db.selectFrom('applications').select(['dueOn', 'closedOn']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ dueOn: '2026-10-30', closedOn: TODAY });
    // November 2026 has 21 working days, 1–4 and 7 December five more: 26.
    expect(await page(id)).toContain('逾期答复：超过答复期限 26 个工作日');
    const queue = (await leaderAgent.get(`/admin/${agency.code}/applications?status=closed`)).body;
    expect(queue).toContain('逾期 26 个工作日答复');
    const onTime = await caseWith([...ANSWERED, 'sign_answer', 'send_answer']);
    expect(await page(onTime)).not.toContain('逾期');
  });

  it('offers exactly the actions the service accepts, in every main state', async () => {
    const states: Record<string, ActionName[]> = {
      received: [],
      'extension requested': ['request_extension'],
      'awaiting sign-off with an extension requested': [...ANSWERED, 'request_extension'],
      signed: [...ANSWERED, 'sign_answer'],
      sent: [...ANSWERED, 'sign_answer', 'send_answer'],
    };
    const wrong: string[] = [];
    for (const [name, steps] of Object.entries(states)) {
      const id = await caseWith(steps);
      const offered = new Set<string>();
      for (const who of [editor, leader]) for (const a of (await loadCaseView(deps(), who, agency, id)).actions) offered.add(a);
      for (const a of ACTIONS) {
        const fresh = await caseWith(steps);
        const accepted = await act(fresh, a).then(
          () => true,
          (e: unknown) => {
            if (!(e instanceof DomainError)) throw e;
            return false;
          },
        );
        if (accepted !== offered.has(a)) wrong.push(`${name}: ${a} ${accepted ? 'accepted but not offered' : 'offered but refused'}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
