import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/db/schema.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { onlineApplicationForm } from '../builders/applications.ts';
import { buildAgency } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// 02:28 China time on 7 December is 18:28 UTC on 6 December (issue 13).
const clock = fixedClock('2026-12-06T18:28:00Z');

describe.each(DIALECTS)('dates the applicant reads are China dates on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    agency = await buildAgency(tdb.db, { name: '测试市工业和信息化局' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('the receipt, the reference and the tracking page agree on 7 December for a submission at 02:28', async () => {
    const agent = new Agent(app);
    await agent.get(`/gk/${agency.code}/apply`);
    const res = await agent.postMultipart(`/gk/${agency.code}/apply`, onlineApplicationForm());
    expect(res.statusCode).toBe(303);
    const receipt = await agent.get(res.headers.location as string);
    const trackingNo = (res.headers.location as string).split('/').pop() as string;
    expect(trackingNo.startsWith('20261207-')).toBe(true);
    expect(receipt.body).toContain('2026/12/7 02:28:00');
    const code = /class="code">([A-Z2-9]{4}-[A-Z2-9]{4})</.exec(receipt.body)?.[1] as string;

    const stored = await tdb.db.selectFrom('applications').select(['submittedAt', 'ref']).where('trackingNo', '=', trackingNo).executeTakeFirstOrThrow();
    expect(stored.submittedAt).toBe('2026-12-06T18:28:00.000Z');
    expect(stored.ref.startsWith('2026-')).toBe(true);

    const visitor = new Agent(app, '10.0.0.31');
    await visitor.get('/track');
    const tracked = await visitor.post('/track', { trackingNo, queryCode: code });
    expect(tracked.statusCode).toBe(200);
    const submittedOn = /<dt>提交日期<\/dt>\s*<dd>([^<]*)<\/dd>/.exec(tracked.body)?.[1];
    expect(submittedOn).toBe('2026-12-07');
    expect(tracked.body).not.toContain('2026-12-06');
  });
});
