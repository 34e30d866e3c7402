import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { sendDueReminders } from '../../src/applications/reminders.service.ts';
import { main } from '../../src/cli/main.ts';
import type { Agency } from '../../src/db/schema.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createMailer } from '../../src/shared/mailer.ts';
import { staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

type Received = { to: string[]; subject: string; raw: string };

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?=) in a header. */
const decodeHeader = (h: string) =>
  h.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );

// Today: Fri 2024-11-01.
const clock = fixedClock('2024-11-01T02:00:00Z');

describe.each(DIALECTS)('due-date reminders by e-mail on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  let smtp: SMTPServer;
  let smtpUrl: string;
  const inbox: Received[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db, { name: '提醒测试局' });
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => {
          raw += c.toString('utf8');
        });
        stream.on('end', () => {
          const subject = decodeHeader((/^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '').replace(/\r?\n[ \t]/g, ' '));
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

    const withMail = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    const without = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    await tdb.db.updateTable('users').set({ email: 'handler@example.gov.cn' }).where('id', '=', withMail.id).execute();
    const reg = (who: number, receivedOn: string, subject: string) =>
      registerApplication({ db: tdb.db, clock }, userActor(who, agency.id, 'editor'), agency, staffApplicationForm({ receivedOn, subject }));
    // Due 2024-10-30 (overdue), due 2024-11-04 (within 3 working days), due 2024-11-28 (not yet), and one whose handler has no e-mail.
    await reg(withMail.id, '2024-09-27', '逾期的申请');
    await reg(withMail.id, '2024-10-08', '即将到期的申请');
    await reg(withMail.id, '2024-10-31', '刚收到的申请');
    await reg(without.id, '2024-10-08', '承办人无邮箱');
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await tdb?.cleanup();
  });

  it('mails the handler once per due date, even when two runs race', async () => {
    const run = () => {
      const mailer = createMailer({ smtpUrl, smtpFrom: 'gongkai@example.gov.cn' });
      if (!mailer) throw new Error('no mailer');
      return sendDueReminders({ db: tdb.db, clock, mailer, publicUrl: 'https://gk.example.gov.cn' }).finally(() => mailer.close());
    };
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.sent + b.sent).toBe(2);
    expect(a.skipped).toBe(1);
    expect(inbox).toHaveLength(2);
    expect(inbox.every((m) => m.to.join() === 'handler@example.gov.cn')).toBe(true);
    expect(inbox.map((m) => m.subject).sort()).toEqual([
      '【政府信息公开】申请 2024-0001 已于 2024-10-30 到期，请尽快办理',
      '【政府信息公开】申请 2024-0002 将于 2024-11-04 到期',
    ]);
    const again = await run();
    expect(again.sent).toBe(0);
    expect(inbox).toHaveLength(2);
    const claims = await tdb.db.selectFrom('applicationReminders').selectAll().execute();
    expect(claims.every((c) => c.sentAt !== null)).toBe(true);
  });

  it('releases the claim when sending fails, and the command reports it', async () => {
    const other = await buildAgency(tdb.db);
    const u = await buildUser(tdb.db, { agencyId: other.id, role: 'editor' });
    await tdb.db.updateTable('users').set({ email: 'other@example.gov.cn' }).where('id', '=', u.id).execute();
    await registerApplication({ db: tdb.db, clock }, userActor(u.id, other.id, 'editor'), other, staffApplicationForm({ receivedOn: '2024-10-08' }));
    const broken = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', smtpFrom: 'x@example.gov.cn' });
    if (!broken) throw new Error('no mailer');
    const failed = await sendDueReminders({ db: tdb.db, clock, mailer: broken });
    broken.close();
    expect(failed.failed).toBe(1);
    expect(await tdb.db.selectFrom('applicationReminders').selectAll().where('recipient', '=', 'other@example.gov.cn').execute()).toHaveLength(0);
    let errors = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
      errors += String(c);
      return true;
    });
    const lines: string[] = [];
    try {
      // The command runs with today's real date: every open case is past due by now, so the one that failed is mailed.
      const code = await main(['node', 'gongkai', 'remind'], (l) => lines.push(l), { ...tdb.env, SMTP_URL: smtpUrl, GONGKAI_LOG_LEVEL: 'silent' });
      expect({ code, errors }).toMatchObject({ code: 0, errors: '' });
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('\n')).toMatch(/已发送 \d+ 封提醒邮件/);
    expect(inbox.some((m) => m.to.includes('other@example.gov.cn'))).toBe(true);
    const noSmtp = await main(['node', 'gongkai', 'remind'], () => {}, { ...tdb.env, GONGKAI_LOG_LEVEL: 'silent' });
    expect(noSmtp).toBe(2);
  });
});
