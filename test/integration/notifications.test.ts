import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queueApplicantNotices } from '../../src/applications/applicant-notices.ts';
import { registerApplication, submitOnlineApplication } from '../../src/applications/applications.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import type { Agency } from '../../src/db/schema.ts';
import { inTransaction } from '../../src/db/tx.ts';
import type { Channels, OutgoingMessage } from '../../src/notifications/channels.ts';
import { claimNotification, configuredChannels, dispatchNotifications } from '../../src/notifications/dispatcher.ts';
import { enqueueNotification, SECRET_SLOT, setSmsEnabled } from '../../src/notifications/outbox.ts';
import { BASE_DELAY_MS, MAX_ATTEMPTS } from '../../src/notifications/retry.ts';
import { publicActor, systemActor } from '../../src/shared/actor.ts';
import { type Clock, fixedClock } from '../../src/shared/clock.ts';
import { onlineApplicationForm, staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

// Mon 2024-11-04, 10:00 China time.
const clock = fixedClock('2024-11-04T02:00:00Z');
const config = { publicUrl: 'https://gk.example.gov.cn' };
const at = (ms: number): Clock => fixedClock(new Date(clock.now().getTime() + ms).toISOString());

/** A channel that records what it was asked to send, failing the first `failures` times. */
function recorder(failures = 0) {
  const sent: OutgoingMessage[] = [];
  let left = failures;
  return {
    sent,
    channel: {
      async send(m: OutgoingMessage) {
        await new Promise((r) => setTimeout(r, 2));
        if (left > 0) {
          left--;
          throw new Error('451 try again later');
        }
        sent.push(m);
      },
    },
  };
}

describe.each(DIALECTS)('the notifications outbox on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  let handlerId: number;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db, { name: '通知测试局', phone: '0635-1234567', address: '聊城市东昌东路1号', postcode: '252000' });
    handlerId = (await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' })).id;
  });
  afterAll(async () => {
    await tdb?.cleanup();
  });
  beforeEach(async () => {
    await tdb.db.deleteFrom('notifications').execute();
  });

  const deps = () => ({ db: tdb.db, clock, config });
  const staff = () => userActor(handlerId, agency.id, 'editor');
  const register = (over: Record<string, string> = {}) =>
    registerApplication(deps(), staff(), agency, staffApplicationForm({ receivedOn: '2024-11-01', ...over }));
  const queued = () => tdb.db.selectFrom('notifications').selectAll().orderBy('id').execute();

  it('queues the receipt mail in the registration, and nothing for a refused step or a step rolled back', async () => {
    const c = await register();
    const rows = await queued();
    expect(rows.map((r) => [r.kind, r.channel, r.recipient, r.status])).toEqual([['received', 'email', 'zhangsan@example.com', 'queued']]);
    expect(rows[0]?.body).toContain('https://gk.example.gov.cn/gk/');
    expect(rows[0]?.body).toContain(c.trackingNo);
    // Refused by the rules (no extension can be approved, none was requested): nothing queued.
    await expect(actOnApplication(deps(), systemActor(), agency, c.id, 'approve_extension', { on: '2024-11-04' })).rejects.toThrow();
    // The step itself succeeds, but the transaction around it fails afterwards: its notice goes with it.
    await expect(
      inTransaction(tdb.db, async (trx) => {
        await actOnApplication({ ...deps(), db: trx }, staff(), agency, c.id, 'request_correction', { on: '2024-11-04', items: '请说明文件名称' });
        expect((await trx.selectFrom('notifications').select('id').execute()).length).toBe(2);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await queued()).length).toBe(1);
    const after = await tdb.db.selectFrom('applications').select('status').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('processing');
  });

  it('tells nobody when the applicant gave no e-mail and SMS is off; texts them when the agency switches SMS on', async () => {
    await register({ email: '', wayWanted: 'pickup' });
    expect(await queued()).toEqual([]);
    await setSmsEnabled(deps(), systemActor(), agency.id, true);
    try {
      await register({ email: '', wayWanted: 'pickup', phone: '13912345678' });
      const rows = await queued();
      expect(rows.map((r) => [r.kind, r.channel, r.recipient])).toEqual([['received', 'sms', '13912345678']]);
      const lines: string[] = [];
      const { channels, close } = configuredChannels(
        { smtpUrl: undefined, smtpFrom: 'x@y' },
        { sendSms: async (p, text) => void lines.push(`${p.slice(-4)}:${text}`) },
      );
      close();
      expect(await dispatchNotifications({ ...deps(), channels })).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(lines[0]).toMatch(/^5678:【通知测试局】您的政府信息公开申请（查询号\d{8}-\d{6}）：本机关已于/);
    } finally {
      await setSmsEnabled(deps(), systemActor(), agency.id, false);
    }
  });

  it('hands each message to exactly one of two dispatchers racing', async () => {
    for (let i = 0; i < 12; i++) {
      await inTransaction(tdb.db, (trx) =>
        enqueueNotification(trx, clock, {
          agencyId: agency.id,
          entityType: 'application',
          entityId: i,
          kind: 'received',
          channel: 'email',
          recipient: `a${i}@example.com`,
          subject: 's',
          body: `b${i}`,
        }),
      );
    }
    const a = recorder();
    const b = recorder();
    const [ra, rb] = await Promise.all([
      dispatchNotifications({ db: tdb.db, clock, channels: { email: a.channel }, worker: 'a' }),
      dispatchNotifications({ db: tdb.db, clock, channels: { email: b.channel }, worker: 'b' }),
    ]);
    expect(ra.sent + rb.sent).toBe(12);
    const bodies = [...a.sent, ...b.sent].map((m) => m.body).sort();
    expect(bodies).toEqual([...new Set(bodies)]);
    expect(bodies.length).toBe(12);
    const rows = await queued();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    // The claim itself: of two processes claiming one due message, one wins.
    await inTransaction(tdb.db, (trx) =>
      enqueueNotification(trx, clock, {
        agencyId: agency.id,
        entityType: 'application',
        entityId: 99,
        kind: 'received',
        channel: 'email',
        recipient: 'c@example.com',
        subject: 's',
        body: 'b',
      }),
    );
    const last = (await queued()).at(-1)?.id ?? 0;
    const wins = await Promise.all([claimNotification(tdb.db, last, 'x', clock.now()), claimNotification(tdb.db, last, 'y', clock.now())]);
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('retries after a failure with a backoff, then sends; gives up after the last try; audits every try', async () => {
    const auditBefore =
      (
        await tdb.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.max('id').as('n'))
          .executeTakeFirst()
      )?.n ?? 0;
    await register();
    const flaky = recorder(1);
    const channels: Channels = { email: flaky.channel };
    expect(await dispatchNotifications({ db: tdb.db, clock, channels })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let [row] = await queued();
    expect([row?.status, row?.attempts, row?.lastError]).toEqual(['queued', 1, '451 try again later']);
    expect(row?.nextAttemptAt).toBe(new Date(clock.now().getTime() + BASE_DELAY_MS).toISOString());
    // Not before its time.
    expect(await dispatchNotifications({ db: tdb.db, clock: at(BASE_DELAY_MS - 1000), channels })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await dispatchNotifications({ db: tdb.db, clock: at(BASE_DELAY_MS), channels })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    [row] = await queued();
    expect([row?.status, row?.attempts, row?.lastError]).toEqual(['sent', 2, null]);
    expect(flaky.sent).toHaveLength(1);
    const audit = await tdb.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'notification')
      .where('entityId', '=', String(row?.id))
      .where('id', '>', Number(auditBefore))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['notification.retry', 'notification.sent']);

    await tdb.db.deleteFrom('notifications').execute();
    await register();
    const broken = recorder(100);
    let later = 0;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await dispatchNotifications({ db: tdb.db, clock: at(later), channels: { email: broken.channel } });
      later += 7 * 3600_000;
    }
    [row] = await queued();
    expect([row?.status, row?.attempts]).toEqual(['failed', MAX_ATTEMPTS]);
    expect(await dispatchNotifications({ db: tdb.db, clock: at(later), channels: { email: broken.channel } })).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('never mails the query code unless the applicant ticked the box, and then only in the submission mail', async () => {
    const plain = await submitOnlineApplication(deps(), publicActor, agency, onlineApplicationForm({ email: 'plain@example.com', mailQueryCode: '' }), []);
    const asked = await submitOnlineApplication(deps(), publicActor, agency, onlineApplicationForm({ email: 'asked@example.com', mailQueryCode: 'on' }), []);
    const rows = await queued();
    const plainRow = rows.find((r) => r.recipient === 'plain@example.com');
    const askedRow = rows.find((r) => r.recipient === 'asked@example.com');
    expect(plainRow?.body).not.toContain(plain.queryCode);
    expect(plainRow?.body).not.toContain(SECRET_SLOT);
    expect(plainRow?.secret).toBeNull();
    // Stored, the asked-for code is kept apart from the text and goes once the mail is sent.
    expect(askedRow?.body).not.toContain(asked.queryCode);
    expect(askedRow?.body).toContain(SECRET_SLOT);
    expect(askedRow?.secret).toBe(asked.queryCode);
    const r = recorder();
    await dispatchNotifications({ db: tdb.db, clock, channels: { email: r.channel } });
    expect(r.sent.find((m) => m.recipient === 'asked@example.com')?.body).toContain(`查询码：${asked.queryCode}`);
    expect(r.sent.find((m) => m.recipient === 'plain@example.com')?.body).not.toContain(plain.queryCode);
    expect((await queued()).every((row) => row.secret === null)).toBe(true);
    // Confirmed by staff: the receipt mail never carries the code, even for the applicant who asked for it.
    await actOnApplication(deps(), staff(), agency, asked.id, 'confirm', { on: '2024-11-04' });
    const confirm = (await queued()).at(-1);
    expect([confirm?.kind, confirm?.secret]).toEqual(['received', null]);
    expect(confirm?.body).not.toContain(asked.queryCode);
  });

  it('tells the applicant when the answer is delivered, and never for a probe or an imported case', async () => {
    const c = await register();
    const row = await tdb.db.selectFrom('applications').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    await tdb.db.deleteFrom('notifications').execute();
    const delivered = { type: 'delivered', on: '2024-11-04', data: { method: '电子邮件' } };
    await inTransaction(tdb.db, async (trx) => {
      await queueApplicantNotices(trx, { clock, config }, agency, row, [delivered]);
      await queueApplicantNotices(trx, { clock, config }, agency, { ...row, isProbe: 1 }, [delivered]);
      await queueApplicantNotices(trx, { clock, config }, agency, { ...row, trackingNo: null }, [delivered]);
    });
    const rows = await queued();
    expect(rows.map((r) => r.kind)).toEqual(['delivered']);
    expect(rows[0]?.body).toContain('本机关已于2024年11月4日向您送达答复');
  });

  it('mails every step through a real SMTP server, each once, with no personal data beyond the address', async () => {
    const sink = await startSmtpSink();
    try {
      const c = await register({ receivedOn: '2024-10-28' });
      const act = (action: Parameters<typeof actOnApplication>[4], values: Record<string, unknown>) =>
        actOnApplication(deps(), staff(), agency, c.id, action, values);
      await act('request_correction', { on: '2024-10-29', items: '请说明所需文件的名称\n请说明文件的时间范围' });
      await act('receive_correction', { on: '2024-10-30' });
      await act('request_extension', { on: '2024-11-01', days: '10', reason: '需要调取档案' });
      await actOnApplication(deps(), systemActor('领导'), agency, c.id, 'approve_extension', { on: '2024-11-01' });
      await act('issue_fee_notice', { on: '2024-11-04', schedule: 'per_page', pages: '150', howToPay: '银行转账。' });
      const { channels, close } = configuredChannels({ smtpUrl: sink.url, smtpFrom: 'gongkai@example.gov.cn' }, { sendSms: async () => {} });
      try {
        const results = await Promise.all([
          dispatchNotifications({ db: tdb.db, clock, channels, worker: 'one' }),
          dispatchNotifications({ db: tdb.db, clock, channels, worker: 'two' }),
        ]);
        expect(results.reduce((n, r) => n + r.sent, 0)).toBe(4);
      } finally {
        close();
      }
      expect(sink.inbox.map((m) => m.subject)).toEqual([
        `【通知测试局】已收到申请（查询号 ${c.trackingNo}）`,
        `【通知测试局】补正通知（查询号 ${c.trackingNo}）`,
        `【通知测试局】延长答复期限（查询号 ${c.trackingNo}）`,
        `【通知测试局】缴费通知（查询号 ${c.trackingNo}）`,
      ]);
      for (const m of sink.inbox) {
        expect(m.to).toEqual(['zhangsan@example.com']);
        expect(m.text).toContain(`https://gk.example.gov.cn/gk/${agency.code}/track`);
        expect(m.text).toContain('受理机关：通知测试局');
        for (const personal of ['张三', '11010519491231002X', '13800000000', '某路']) expect(m.text).not.toContain(personal);
        expect(m.text).not.toContain(c.queryCode);
      }
      const correction = sink.inbox[1]?.text ?? '';
      expect(correction).toContain('请于2024年11月19日前补正');
      expect(correction).toContain('1. 请说明所需文件的名称');
      expect(correction).toContain('邮寄：聊城市东昌东路1号（邮政编码 252000）');
      expect(correction).not.toContain('当面提交'); // no office hours known
    } finally {
      await sink.close();
    }
  });
});
