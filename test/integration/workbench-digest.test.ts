import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { todoSources } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { configuredChannels, dispatchNotifications } from '../../src/notifications/dispatcher.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import type { UserView } from '../../src/users/users.service.ts';
import { queueDailyDigests } from '../../src/workbench/digest.service.ts';
import { staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';

// Fri 2024-11-01, 10:00 in China; the next China day starts at 2024-11-01T16:00Z.
const morning = fixedClock('2024-11-01T02:00:00Z');
const evening = fixedClock('2024-11-01T15:30:00Z');
const nextDay = fixedClock('2024-11-01T16:30:00Z');
const URL = 'https://gk.example.gov.cn';

describe.each(DIALECTS)('the daily digest on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  let sink: SmtpSink;
  const u = {} as Record<'handler' | 'other' | 'noMail' | 'leader' | 'inactive', UserView>;
  const mail = (user: UserView, email: string | null) => tdb.db.updateTable('users').set({ email }).where('id', '=', user.id).execute();

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    sink = await startSmtpSink();
    agency = await buildAgency(tdb.db, { name: '摘要测试局' }, morning);
    u.handler = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    u.other = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    u.noMail = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    u.leader = await buildUser(tdb.db, { agencyId: agency.id, role: 'leader' });
    u.inactive = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    await mail(u.handler, 'handler@example.gov.cn');
    await mail(u.other, 'other@example.gov.cn');
    await mail(u.leader, 'leader@example.gov.cn');
    await mail(u.inactive, 'gone@example.gov.cn');
    await tdb.db.updateTable('users').set({ isActive: 0 }).where('id', '=', u.inactive.id).execute();
    // The handler's case is overdue (due 2024-10-30); the 2023 report (unpublished) is every editor's.
    await registerApplication(
      { db: tdb.db, clock: morning },
      userActor(u.handler.id, agency.id, 'editor'),
      agency,
      staffApplicationForm({ receivedOn: '2024-09-27', subject: '逾期的申请' }),
    );
  });
  afterAll(async () => {
    await sink?.close();
    await tdb?.cleanup();
  });

  const send = async (clock: typeof morning) => {
    const { channels, close } = configuredChannels({ smtpUrl: sink.url, smtpFrom: 'gongkai@example.gov.cn' }, { sendSms: async () => {} });
    try {
      return await dispatchNotifications({ db: tdb.db, clock, channels });
    } finally {
      close();
    }
  };

  it('queues one mail per person with 我的 items, once a China day however many runs race', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => queueDailyDigests({ db: tdb.db, clock: morning, publicUrl: URL }, todoSources)));
    expect(runs.reduce((n, r) => n + r.queued, 0)).toBe(2);
    expect((await queueDailyDigests({ db: tdb.db, clock: evening, publicUrl: URL }, todoSources)).queued).toBe(0);
    const outbox = await tdb.db.selectFrom('notifications').select(['recipient']).where('kind', '=', 'workbench_digest').execute();
    expect(outbox.map((r) => r.recipient).sort()).toEqual(['handler@example.gov.cn', 'other@example.gov.cn']);
    // The outbox also holds the applicant's notice of receipt.
    expect(await send(morning)).toMatchObject({ sent: 3, failed: 0 });
    // Nobody without an address, the inactive account, nor the leader with nothing to do.
    const digests = sink.inbox.filter((m) => m.subject.startsWith('【工作台】'));
    expect(digests.map((m) => m.to[0]).sort()).toEqual(['handler@example.gov.cn', 'other@example.gov.cn']);
    const handler = sink.inbox.find((m) => m.to[0] === 'handler@example.gov.cn');
    expect(handler?.subject).toBe('【工作台】2024-11-01 待办 2 项，其中已逾期 2 项');
    expect(handler?.text).toContain('申请 2024-0001“逾期的申请”，作出答复，已逾期 2 个工作日');
    expect(handler?.text).toContain(`${URL}/admin/${agency.code}/applications/`);
    expect(handler?.text).toContain('2023 年政府信息公开工作年度报告，编写年度报告，已逾期');
    const other = sink.inbox.find((m) => m.to[0] === 'other@example.gov.cn');
    // The handler's case is not the other editor's: only the report.
    expect(other?.text).not.toContain('逾期的申请');
    expect(other?.subject).toBe('【工作台】2024-11-01 待办 1 项，其中已逾期 1 项');
  });

  it('sends again on the next China day', async () => {
    expect((await queueDailyDigests({ db: tdb.db, clock: nextDay, publicUrl: URL }, todoSources)).queued).toBe(2);
  });
});
