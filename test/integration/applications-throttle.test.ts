/**
 * The public application form is throttled in the database, per client address (an hour and a day) and per contact
 * (the phone and the e-mail, normalised, a day), so a script cannot file applications by the thousand (each starts a
 * legal clock): the refusal says so in Chinese and keeps what was typed, the limits come from configuration, hold
 * across processes, and old counts are pruned.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/db/schema.ts';
import { type Clock, chinaDate } from '../../src/shared/clock.ts';
import { onlineApplicationForm } from '../builders/applications.ts';
import { buildAgency } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

/** A clock the test moves forward. */
function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let at = new Date(iso).getTime();
  return { now: () => new Date(at), today: () => chinaDate(new Date(at)), advance: (ms) => (at += ms) };
}

const HOUR = 3600_000;

describe.each(DIALECTS)('the public application form is throttled, on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  const apps: FastifyInstance[] = [];
  const clock = movableClock('2024-11-04T01:00:00Z');
  let phoneSeq = 0;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db, { name: '测试市工业和信息化局' });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await tdb?.cleanup();
  });

  async function newApp(env: Record<string, string> = {}) {
    const app = await buildTestApp(tdb, clock, env);
    apps.push(app);
    return app;
  }

  /** A fresh phone and e-mail for each application unless given. */
  function form(overrides: Record<string, string> = {}) {
    phoneSeq++;
    return onlineApplicationForm({ phone: `139${String(phoneSeq).padStart(8, '0')}`, email: `a${phoneSeq}@example.com`, ...overrides });
  }

  /** The question a form asks (its token and right answer), if it asks one. */
  function questionOf(html: string) {
    const token = /name="challenge" value="([^"]+)"/.exec(html)?.[1];
    const q = /(\d) 加 (\d) 等于多少/.exec(html);
    return token && q ? { challenge: token, challengeAnswer: String(Number(q[1]) + Number(q[2])) } : null;
  }

  /** Submits the form as a person does, answering its question when it asks one. */
  async function apply(app: FastifyInstance, ip: string, fields: Record<string, string>) {
    const agent = new Agent(app, ip);
    const page = await agent.get(`/gk/${agency.code}/apply`);
    return agent.postMultipart(`/gk/${agency.code}/apply`, { ...fields, ...questionOf(page.body) });
  }

  const count = async () =>
    Number(
      (
        await tdb.db
          .selectFrom('applications')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses the 11th application from one address within an hour, in Chinese, keeping what was typed', async () => {
    const app = await newApp();
    const before = await count();
    for (let i = 0; i < 10; i++) expect((await apply(app, '203.0.113.7', form())).statusCode).toBe(303);
    const refused = await apply(app, '203.0.113.7', form({ name: '李四', subject: '第十一件申请的内容' }));
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('同一网络每小时最多提交 10 件申请');
    expect(refused.body).toContain('value="李四"');
    expect(refused.body).toContain('第十一件申请的内容');
    expect(await count()).toBe(before + 10);
    // Another address is not affected.
    expect((await apply(app, '198.51.100.20', form())).statusCode).toBe(303);
    // An hour later the address may file again, up to 20 in the day.
    clock.advance(HOUR);
    for (let i = 0; i < 10; i++) expect((await apply(app, '203.0.113.7', form())).statusCode).toBe(303);
    clock.advance(HOUR);
    const daily = await apply(app, '203.0.113.7', form());
    expect(daily.statusCode).toBe(429);
    expect(daily.body).toContain('同一网络每天最多提交 20 件申请');
  });

  it('limits one phone number or e-mail address, however written, to 5 applications a day from any address', async () => {
    const app = await newApp();
    const phones = ['13912345678', '139 1234 5678', '+86 139 1234 5678', '(139)12345678', '（139）1234 5678'];
    for (const [i, phone] of phones.entries()) expect((await apply(app, `192.0.2.${i + 1}`, form({ phone }))).statusCode).toBe(303);
    const sixth = await apply(app, '192.0.2.99', form({ phone: '+8613912345678', name: '王五' }));
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain('同一联系电话或电子邮箱每天最多提交 5 件申请');
    expect(sixth.body).toContain('value="王五"');
    for (let i = 0; i < 5; i++)
      expect((await apply(app, `192.0.2.${i + 10}`, form({ email: i % 2 ? ' Zhang.San@Example.COM ' : 'zhang.san@example.com' }))).statusCode).toBe(303);
    expect((await apply(app, '192.0.2.30', form({ email: 'zhang.san@example.com' }))).statusCode).toBe(429);
  });

  it('holds across processes: two servers on one database share the counts', async () => {
    const [a, b] = [await newApp(), await newApp()];
    clock.advance(24 * HOUR);
    const phone = '13700000001';
    for (let i = 0; i < 5; i++) expect((await apply(i % 2 ? a : b, `10.1.0.${i}`, form({ phone }))).statusCode).toBe(303);
    expect((await apply(a, '10.1.0.50', form({ phone }))).statusCode).toBe(429);
    expect((await apply(b, '10.1.0.51', form({ phone }))).statusCode).toBe(429);
  });

  it('takes its limits from configuration (0 turns one off)', async () => {
    clock.advance(24 * HOUR);
    const strict = await newApp({ GONGKAI_APPLY_LIMIT_ADDRESS_HOUR: '2', GONGKAI_APPLY_LIMIT_CONTACT_DAY: '0' });
    const phone = '13600000001';
    for (let i = 0; i < 2; i++) expect((await apply(strict, '10.2.0.1', form({ phone }))).statusCode).toBe(303);
    const third = await apply(strict, '10.2.0.1', form({ phone }));
    expect(third.statusCode).toBe(429);
    expect(third.body).toContain('同一网络每小时最多提交 2 件申请');
    // The contact limit is off: the same phone goes on from other addresses.
    for (let i = 0; i < 6; i++) expect((await apply(strict, `10.2.1.${i}`, form({ phone }))).statusCode).toBe(303);
  });

  it('asks a question without JavaScript once an address has filed 3 in an hour: answered right, once', async () => {
    const app = await newApp();
    clock.advance(24 * HOUR);
    const ip = '10.4.0.1';
    const url = `/gk/${agency.code}/apply`;
    for (let i = 0; i < 3; i++) {
      const agent = new Agent(app, ip);
      expect(questionOf((await agent.get(url)).body)).toBeNull();
      expect((await agent.postMultipart(url, form())).statusCode).toBe(303);
    }
    const agent = new Agent(app, ip);
    const page = await agent.get(url);
    expect(page.body).toContain('您所在的网络近一小时内已提交多件申请');
    const question = questionOf(page.body);
    expect(question).not.toBeNull();
    const before = await count();
    const unanswered = await agent.postMultipart(url, form({ name: '赵六' }));
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.body).toContain('请回答验证问题');
    expect(unanswered.body).toContain('value="赵六"');
    const wrong = questionOf(unanswered.body);
    const bad = await agent.postMultipart(url, form({ ...wrong, challengeAnswer: String(Number(wrong?.challengeAnswer) + 1) }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('验证问题的答案不正确');
    const right = questionOf(bad.body) as Record<string, string>;
    expect((await agent.postMultipart(url, form(right))).statusCode).toBe(303);
    // The same answer cannot be used again, nor a question whose numbers were changed.
    await agent.get(url);
    expect((await agent.postMultipart(url, form(right))).body).toContain('验证问题已过期或已使用');
    const [nonce, a, b, ...rest] = right.challenge?.split('.') ?? [];
    const forged = { challenge: [nonce, a, Number(b) + 1, ...rest].join('.'), challengeAnswer: String(Number(right.challengeAnswer) + 1) };
    expect((await agent.postMultipart(url, form(forged))).body).toContain('验证问题已过期或已使用');
    expect(await count()).toBe(before + 1);
  });

  it('lets a question expire after two hours (GONGKAI_APPLY_CHALLENGE_AFTER=0 asks every time)', async () => {
    const app = await newApp({ GONGKAI_APPLY_CHALLENGE_AFTER: '0' });
    const agent = new Agent(app, '10.5.0.1');
    const url = `/gk/${agency.code}/apply`;
    const answer = questionOf((await agent.get(url)).body);
    expect(answer).not.toBeNull();
    clock.advance(3 * HOUR);
    const late = await agent.postMultipart(url, form(answer ?? {}));
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('验证问题已过期或已使用');
    expect((await agent.postMultipart(url, form(questionOf(late.body) ?? {}))).statusCode).toBe(303);
  });

  it('forgets counts whose window has passed (old rows are pruned)', async () => {
    const app = await newApp();
    clock.advance(3 * 24 * HOUR);
    expect((await apply(app, '10.3.0.1', form())).statusCode).toBe(303);
    const rows = await tdb.db.selectFrom('intakeThrottle').selectAll().execute();
    // Only the windows of this submission remain: its address (hour and day), phone and e-mail.
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.expiresAt > clock.now().toISOString()).toBe(true);
    // Keys are digests: no address, phone or e-mail is stored in clear. (A digest's hex may by chance contain
    // "139" and eight digits, so the key's whole shape is checked, not the absence of a phone-like run.)
    for (const r of rows) expect(r.key).toMatch(/^(address-hour|address-day|phone|email):[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toMatch(/10\.3\.0\.1|example\.com/);
  });
});
