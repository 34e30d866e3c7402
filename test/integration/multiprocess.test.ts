import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';

/** Cookie jar over fetch, following no redirects, for talking to real server processes. */
class FetchAgent {
  cookies = new Map<string, string>();
  csrf = '';
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), rest.join('='));
    }
    return res;
  }
  async page(url: string): Promise<{ status: number; body: string }> {
    const res = await this.request(url);
    const body = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m?.[1]) this.csrf = m[1];
    return { status: res.status, body };
  }
}

// Scale-out is a PostgreSQL property: with SQLite the platform is one process by design.
describe.skipIf(!DIALECTS.includes('postgres'))('two server processes on one PostgreSQL database', () => {
  let tdb: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    const agency = await buildAgency(tdb.db, { code: 'shared', name: '共享局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: 'carol' });
    [a, b] = await Promise.all([startServerProcess(tdb.env), startServerProcess(tdb.env)]);
  }, 150_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await tdb?.cleanup();
  });

  it('serves the same signed-in session from either process, and a logout on one ends it on both', async () => {
    expect(a.url).not.toBe(b.url);
    const agent = new FetchAgent();
    await agent.page(`${a.url}/admin/login`);
    // The form comes from A, the post goes to B: CSRF and the cookie secret are shared through the database.
    const login = await agent.request(`${b.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'carol', password: TEST_PASSWORD, next: '/admin/shared', _csrf: agent.csrf }).toString(),
    });
    expect(login.status).toBe(303);
    const onA = await agent.page(`${a.url}/admin/shared`);
    const onB = await agent.page(`${b.url}/admin/shared`);
    expect(onA.status).toBe(200);
    expect(onB.status).toBe(200);
    expect(onA.body).toContain('共享局');
    const session = agent.cookies.get('gk_session');
    expect(session).toBeTruthy();
    const out = await agent.request(`${a.url}/admin/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: agent.csrf }).toString(),
    });
    expect(out.status).toBe(303);
    const stale = new FetchAgent();
    stale.cookies = new Map(agent.cookies);
    stale.cookies.set('gk_session', session ?? '');
    expect((await stale.page(`${b.url}/admin/shared`)).status).toBe(302);
  });

  it('counts login failures across processes: the 6th failure in a row is throttled wherever it lands', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const agent = new FetchAgent();
      const server = i % 2 === 0 ? a : b;
      await agent.page(`${server.url}/admin/login`);
      const res = await agent.request(`${server.url}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'carol', password: 'wrong-password-9', _csrf: agent.csrf }).toString(),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
  });
});
