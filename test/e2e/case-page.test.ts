/**
 * The case page in Chromium at 390 and 1366 px for a case in each main state (received, extension requested,
 * awaiting sign-off, signed, sent, closed late): numbers never break across lines, the next action is visible
 * without opening anything, axe and the Nu Html Checker find nothing. Screenshots go to $SHOTS_DIR/case-page/ when
 * it is set.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import { loadWorkCalendar } from '../../src/calendar/calendar.service.ts';
import type { Agency } from '../../src/db/schema.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumLaunchOptions } from '../support/browser.ts';
import { signInConsole } from '../support/console-page.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';
import { shot } from '../support/shots.ts';
import { vnuErrors } from '../support/vnu.ts';

const DESCRIPTION =
  '申请获取本局2025年度工业和信息化专项资金的分配方案、项目评审结果及资金拨付明细，包括每个项目的承担单位、项目名称、安排金额和拨付时间；如涉及第三方商业秘密，请作区分处理后提供可以公开的部分。';

type State = 'received' | 'extension' | 'signoff' | 'signed' | 'sent' | 'late';

describe('the case page in the browser', () => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  const ids = {} as Record<State, number>;

  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    const agency: Agency = await buildAgency(tdb.db, { code: 'casegxj', name: '测试市工业和信息化局' });
    const editor = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'case-editor' });
    const leader = await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: 'case-leader' });
    const deps = { db: tdb.db, clock: systemClock };
    const today = systemClock.today();
    const calendar = await loadWorkCalendar(tdb.db);
    const handler = userActor(editor.id, agency.id, 'editor', '王承办');
    const boss = userActor(leader.id, agency.id, 'leader', '李领导');
    // Received two working days ago, or (closed late) long enough ago that today is past its due date.
    const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    const recent = [10, 9, 8, 7, 6, 5, 4, 3].map(daysAgo).find((d) => calendar.addWorkdays(d, 2).date <= today) ?? daysAgo(3);
    const open = async (state: State, receivedOn: string) => {
      const reg = await registerApplication(deps, systemActor(), agency, staffApplicationForm({ receivedOn, description: DESCRIPTION }));
      ids[state] = reg.id;
      return (action: Parameters<typeof actOnApplication>[4], values: Record<string, string> = {}, who = handler) =>
        actOnApplication(deps, who, agency, reg.id, action, values);
    };
    const answer = async (act: Awaited<ReturnType<typeof open>>, id: number) => {
      await act('draft_answer', { outcome: 'granted' });
      const row = await tdb.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await act('save_answer', { outcome: 'granted', legalBasis: row.legalBasis ?? '', letter: row.answerLetter ?? '', submit: '1' });
    };
    await open('received', recent);
    const ext = await open('extension', recent);
    await ext('request_extension', { on: today, days: '15', reason: '所需信息涉及多个科室和企业，需逐项核实' });
    const signoff = await open('signoff', recent);
    await answer(signoff, ids.signoff);
    const signed = await open('signed', recent);
    await answer(signed, ids.signed);
    await signed('sign_answer', {}, boss);
    const sent = await open('sent', recent);
    await answer(sent, ids.sent);
    await sent('sign_answer', {}, boss);
    await sent('send_answer', { on: today });
    const late = await open('late', daysAgo(70));
    await answer(late, ids.late);
    await late('sign_answer', {}, boss);
    await late('send_answer', { on: today });
    await tdb.destroy();
    server = await startServerProcess(tdb.env);
    browser = await chromium.launch(chromiumLaunchOptions());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await tdb?.cleanup().catch(() => {});
  });

  const caseUrl = (state: State) => `${server.url}/admin/casegxj/applications/${ids[state]}`;

  /** The numbers and dates (class num or nowrap) whose text the browser laid out on more than one line. */
  const brokenNumbers = (page: Page) =>
    page.locator('.num, .nowrap').evaluateAll((els) =>
      els
        .filter((el) => {
          const range = el.ownerDocument.createRange();
          range.selectNodeContents(el);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          return tops.size > 1;
        })
        .map((el) => el.textContent ?? ''),
    );

  it.each([390, 1366])(
    'lays out every state at %i px',
    async (width) => {
      const problems: string[] = [];
      const html: Record<string, string> = {};
      for (const who of ['case-editor', 'case-leader']) {
        const page = await signInConsole(browser, server.url, who, TEST_PASSWORD, /\/admin/);
        await page.setViewportSize({ width, height: 900 });
        for (const state of Object.keys(ids) as State[]) {
          const res = await page.goto(caseUrl(state));
          expect(res?.status()).toBe(200);
          await shot(page, `case-page/${state}-${who.slice(5)}-${width}`, true);
          for (const v of await axeViolations(page)) problems.push(`${state}/${who}: ${v}`);
          html[`${state}-${who}-${width}`] = await page.content();
          expect(await brokenNumbers(page), `${state}/${who}`).toEqual([]);
        }
        await page.context().close();
      }
      expect(problems).toEqual([]);
      expect(await vnuErrors(html)).toEqual([]);
      // Twelve pages, axe on each and one Nu run: generous for a loaded test machine.
    },
    600_000,
  );
});
