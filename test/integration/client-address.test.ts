import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/shared/clock.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const ADDRESS_LIMIT = 30;
const TRACK_ADDRESS_LIMIT = 20;

describe.each(DIALECTS)('the client address behind GONGKAI_TRUST_PROXY on %s', (dialect) => {
  let tdb: TestDatabase;
  let direct: FastifyInstance;
  let proxied: FastifyInstance;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    direct = await buildTestApp(tdb);
    proxied = await buildTestApp(tdb, systemClock, { GONGKAI_TRUST_PROXY: '10.30.0.1, 10.31.0.0/16' });
    const agency = await buildAgency(tdb.db, { code: 'addr', name: '地址局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: 'addr-admin' });
  });
  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
    await tdb?.cleanup();
  });

  /** Failed logins, each under another unknown user name (so no account locks) and another forged address. */
  const failLogins = async (agent: Agent, n: number, forged: (i: number) => string) => {
    await agent.get('/admin/login');
    let last = 0;
    for (let i = 0; i < n; i++) {
      agent.headers['x-forwarded-for'] = forged(i);
      last = (await agent.post('/admin/login', { username: `ghost-${agent.ip}-${i}`, password: 'Wrong-passw0rd' })).statusCode;
    }
    return last;
  };

  it('by default a forged X-Forwarded-For is ignored: the address limit holds for the real peer', async () => {
    const agent = new Agent(direct, '10.20.0.1');
    expect(await failLogins(agent, ADDRESS_LIMIT, (i) => `203.0.113.${i + 1}`)).toBe(429);
    agent.headers['x-forwarded-for'] = '198.51.100.77';
    const res = await agent.post('/admin/login', { username: 'addr-admin', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('来自您所在网络的登录失败次数过多');
    expect(res.headers['set-cookie'] ?? '').not.toContain('gk_session');
  });

  it('by default the audit log and the session record the real peer, not the forged address', async () => {
    const agent = new Agent(direct, '10.20.0.2');
    agent.headers['x-forwarded-for'] = '203.0.113.200';
    expect((await agent.login('addr-admin', TEST_PASSWORD)).statusCode).toBe(303);
    const audit = await tdb.db.selectFrom('auditLog').select('afterJson').where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterJson ?? '{}').ip).toBe('10.20.0.2');
    const session = await tdb.db.selectFrom('sessions').select('ip').orderBy('createdAt', 'desc').executeTakeFirstOrThrow();
    expect(session.ip).toBe('10.20.0.2');
  });

  it('by default the tracking throttle holds for the real peer whatever address it claims', async () => {
    const agent = new Agent(direct, '10.20.0.3');
    await agent.get('/track');
    let status = 0;
    for (let i = 0; i <= TRACK_ADDRESS_LIMIT; i++) {
      agent.headers['x-forwarded-for'] = `203.0.113.${i + 1}`;
      // Another tracking number each time: only the per-address limit can stop these.
      status = (await agent.post('/track', { trackingNo: `20240101-${String(100000 + i)}`, queryCode: 'ABCD-EFGH' })).statusCode;
    }
    expect(status).toBe(429);
  });

  it('with the proxy trusted, the forwarded address is the client: throttles and audit use it', async () => {
    const agent = new Agent(proxied, '10.30.0.1');
    expect(await failLogins(agent, ADDRESS_LIMIT, () => '198.51.100.1')).toBe(429);
    // Another client behind the same proxy is not locked out by the first one's failures.
    agent.headers['x-forwarded-for'] = '198.51.100.2';
    const ok = await agent.post('/admin/login', { username: 'addr-admin', password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(303);
    const audit = await tdb.db.selectFrom('auditLog').select('afterJson').where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterJson ?? '{}').ip).toBe('198.51.100.2');
    // A CIDR entry is trusted too; a peer outside the list is not, whatever it forwards.
    const viaRange = new Agent(proxied, '10.31.4.5');
    viaRange.headers['x-forwarded-for'] = '198.51.100.3';
    expect((await viaRange.login('addr-admin', TEST_PASSWORD)).statusCode).toBe(303);
    const outsider = new Agent(proxied, '10.40.0.1');
    outsider.headers['x-forwarded-for'] = '198.51.100.4';
    expect((await outsider.login('addr-admin', TEST_PASSWORD)).statusCode).toBe(303);
    const ips = await tdb.db.selectFrom('sessions').select('ip').execute();
    expect(ips.map((r) => r.ip)).toEqual(expect.arrayContaining(['198.51.100.3', '10.40.0.1']));
    expect(ips.map((r) => r.ip)).not.toContain('198.51.100.4');
  });
});
