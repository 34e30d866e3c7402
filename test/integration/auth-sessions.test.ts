import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/shared/ids.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const sessionToken = (agent: Agent) => /gk_session=([^;]+)/.exec(agent.cookieHeader())?.[1];

describe.each(DIALECTS)('sessions on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb);
    const agency = await buildAgency(tdb.db, { code: 'sess', name: '会话局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'rotor' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('a password change rotates the session that made it: new token, the old one invalid, still signed in', async () => {
    const agent = new Agent(app, '10.9.0.1');
    await agent.login('rotor', TEST_PASSWORD);
    const before = sessionToken(agent);
    expect(before).toBeTruthy();
    const oldCookie = agent.cookieHeader();
    await agent.get('/admin/account/password');
    const res = await agent.post('/admin/account/password', { current: TEST_PASSWORD, next: 'Rotated-pass1', confirm: 'Rotated-pass1' });
    expect(res.statusCode).toBe(303);
    const after = sessionToken(agent);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    // The changer stays signed in with the new token …
    expect((await agent.get('/admin/sess')).statusCode).toBe(200);
    // … and whoever copied the old cookie is not.
    expect((await app.inject({ url: '/admin/sess', headers: { cookie: oldCookie } })).statusCode).toBe(302);
    const user = await tdb.db.selectFrom('users').select('id').where('username', '=', 'rotor').executeTakeFirstOrThrow();
    const sessions = await tdb.db.selectFrom('sessions').select('id').where('userId', '=', user.id).execute();
    expect(sessions.map((s) => s.id)).toEqual([sha256Hex(String(after))]);
  });
});
