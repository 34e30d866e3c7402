import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/users/setup.service.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

describe.each(DIALECTS)('portal and console over HTTP on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agencyA: Awaited<ReturnType<typeof buildAgency>>;
  let agencyB: Awaited<ReturnType<typeof buildAgency>>;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb);
    agencyA = await buildAgency(tdb.db, { code: 'agency-a', name: '甲局' });
    agencyB = await buildAgency(tdb.db, { code: 'agency-b', name: '乙局<script>alert(1)</script>' });
    await buildUser(tdb.db, { agencyId: agencyA.id, role: 'admin', username: 'alice' });
    await buildUser(tdb.db, { agencyId: agencyB.id, role: 'editor', username: 'bob' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('serves the portal home with security headers and escaped agency names', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain('乙局&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('<html lang="zh-CN"');
  });

  it('shows an agency column and a Chinese 404 for an unknown agency', async () => {
    expect((await app.inject('/gk/agency-a/')).body).toContain('甲局政府信息公开');
    const missing = await app.inject('/gk/no-such/');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('页面不存在');
  });

  it('turns the 适老化 mode on through a cookie and returns to the page', async () => {
    const agent = new Agent(app);
    const res = await agent.get('/elder?on=1&back=/gk/agency-a/');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/gk/agency-a/');
    expect((await agent.get('/gk/agency-a/')).body).toContain('<html lang="zh-CN" class="elder">');
    // An open redirect through `back` is not possible.
    expect((await agent.get('/elder?on=0&back=//evil.example')).headers.location).toBe('/');
  });

  it('sends a visitor of the console to the login page', async () => {
    const res = await app.inject('/admin/agency-a');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin%2Fagency-a');
  });

  it('refuses a wrong password with a message on the login page', async () => {
    const agent = new Agent(app, '10.1.1.1');
    const res = await agent.login('alice', 'not-the-password-1');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('用户名或密码错误。');
    expect(res.body).toContain('value="alice"');
  });

  it('refuses a state-changing request without a CSRF token', async () => {
    const agent = new Agent(app, '10.1.1.2');
    await agent.get('/admin/login');
    const res = await agent.post('/admin/login', { username: 'alice', password: TEST_PASSWORD }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('请求无法验证');
    expect(res.headers['set-cookie'] ?? '').not.toContain('gk_session');
  });

  it('signs in, shows the console, and reads another agency as not found', async () => {
    const agent = new Agent(app, '10.1.1.3');
    const res = await agent.login('alice', TEST_PASSWORD);
    expect(res.statusCode).toBe(303);
    const home = await agent.get('/admin/agency-a');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('甲局');
    expect(home.body).toContain('管理员');
    for (const path of ['/admin/agency-b', '/admin/agency-b/audit', '/admin/agency-b/settings', '/admin/agency-b/users']) {
      const other = await agent.get(path);
      expect(other.statusCode, path).toBe(404);
      expect(other.body).not.toContain('乙局');
    }
    // The superadmin-only platform pages also read as absent.
    expect((await agent.get('/admin/platform/agencies')).statusCode).toBe(404);
  });

  it('lets an editor see the workbench but not the admin-only pages', async () => {
    const agent = new Agent(app, '10.1.1.4');
    await agent.login('bob', TEST_PASSWORD);
    expect((await agent.get('/admin/agency-b')).statusCode).toBe(200);
    expect((await agent.get('/admin/agency-b/settings')).statusCode).toBe(403);
    const post = await agent.post('/admin/agency-b/users', { username: 'mallory', displayName: 'M', password: 'Password123', role: 'admin' });
    expect(post.statusCode).toBe(403);
    expect(await tdb.db.selectFrom('users').select('id').where('username', '=', 'mallory').executeTakeFirst()).toBeUndefined();
  });

  it('re-renders the settings form with field messages and the typed values, writing nothing', async () => {
    const agent = new Agent(app, '10.1.1.5');
    await agent.login('alice', TEST_PASSWORD);
    await agent.get('/admin/agency-a/settings');
    const res = await agent.post('/admin/agency-a/settings', { name: '甲局（新）', kind: 'department', postcode: '12ab', email: 'not-an-email' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('邮政编码应为 6 位数字');
    expect(res.body).toContain('请填写有效的电子邮箱地址');
    expect(res.body).toContain('value="甲局（新）"');
    const row = await tdb.db.selectFrom('agencies').select('name').where('id', '=', agencyA.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('甲局');
    const saved = await agent.post('/admin/agency-a/settings', { name: '甲局', kind: 'department', postcode: '252000', phone: '0635-1234567' });
    expect(saved.statusCode).toBe(303);
    const audit = await tdb.db.selectFrom('auditLog').selectAll().where('action', '=', 'agency.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.beforeJson ?? '{}').phone).toBeNull();
    expect(JSON.parse(audit.afterJson ?? '{}').phone).toBe('0635-1234567');
  });

  it('lets an admin add 科室 and refuses a duplicate with a message beside the field', async () => {
    const agent = new Agent(app, '10.1.1.8');
    await agent.login('alice', TEST_PASSWORD);
    await agent.get('/admin/agency-a/settings');
    expect((await agent.post('/admin/agency-a/departments', { name: '办公室' })).statusCode).toBe(303);
    const page = await agent.get('/admin/agency-a/settings');
    expect(page.body).toContain('<li>办公室</li>');
    const dup = await agent.post('/admin/agency-a/departments', { name: '办公室' });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('该科室已存在');
    const rows = await tdb.db.selectFrom('departments').selectAll().where('agencyId', '=', agencyA.id).execute();
    expect(rows.map((r) => r.name)).toEqual(['办公室']);
  });

  it('changes a password after checking the current one, ending the other sessions', async () => {
    await buildUser(tdb.db, { agencyId: agencyA.id, role: 'editor', username: 'dora' });
    const other = new Agent(app, '10.1.1.9');
    await other.login('dora', TEST_PASSWORD);
    expect((await other.get('/admin/agency-a')).statusCode).toBe(200);
    const agent = new Agent(app, '10.1.1.10');
    await agent.login('dora', TEST_PASSWORD);
    await agent.get('/admin/account/password');
    const wrong = await agent.post('/admin/account/password', { current: 'nope-nope-1', next: 'Brand-new-pass1', confirm: 'Brand-new-pass1' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('当前密码不正确');
    const mismatch = await agent.post('/admin/account/password', { current: TEST_PASSWORD, next: 'Brand-new-pass1', confirm: 'Brand-new-pass2' });
    expect(mismatch.body).toContain('两次输入的新密码不一致');
    const ok = await agent.post('/admin/account/password', { current: TEST_PASSWORD, next: 'Brand-new-pass1', confirm: 'Brand-new-pass1' });
    expect(ok.statusCode).toBe(303);
    expect((await agent.get('/admin/agency-a')).statusCode).toBe(200);
    expect((await other.get('/admin/agency-a')).statusCode).toBe(302);
    expect((await new Agent(app, '10.1.1.11').login('dora', 'Brand-new-pass1')).statusCode).toBe(303);
  });

  it('logs out and the old session no longer opens the console', async () => {
    const agent = new Agent(app, '10.1.1.6');
    await agent.login('alice', TEST_PASSWORD);
    const cookie = agent.cookieHeader();
    await agent.get('/admin/agency-a');
    await agent.post('/admin/logout', {});
    const replay = await app.inject({ url: '/admin/agency-a', headers: { cookie } });
    expect(replay.statusCode).toBe(302);
  });

  it('runs first-run setup once through the one-time link', async () => {
    const fresh = await createTestDatabase(dialect);
    const freshApp = await buildTestApp(fresh);
    try {
      const token = await issueSetupToken({ db: fresh.db, clock: testClock });
      expect(token).toBeTruthy();
      const agent = new Agent(freshApp, '10.1.1.7');
      expect((await agent.get('/admin/setup?token=wrong')).statusCode).toBe(403);
      expect((await agent.get(`/admin/setup?token=${token}`)).statusCode).toBe(200);
      const bad = await agent.post('/admin/setup', {
        token: token ?? '',
        code: 'Bad Code',
        name: '',
        adminUsername: 'root',
        adminDisplayName: '管',
        adminPassword: 'x',
      });
      expect(bad.statusCode).toBe(400);
      expect(await fresh.db.selectFrom('agencies').select('id').executeTakeFirst()).toBeUndefined();
      const ok = await agent.post('/admin/setup', {
        token: token ?? '',
        code: 'lcgxj',
        name: '聊城市工业和信息化局',
        kind: 'department',
        adminUsername: 'root',
        adminDisplayName: '管理员',
        adminPassword: 'Setup-passw0rd',
      });
      expect(ok.statusCode).toBe(303);
      expect((await agent.get(`/admin/setup?token=${token}`)).statusCode).toBe(403);
      const login = await agent.login('root', 'Setup-passw0rd');
      expect(login.statusCode).toBe(303);
      expect((await agent.get('/admin/lcgxj')).statusCode).toBe(200);
      expect((await agent.get('/admin/platform/agencies')).statusCode).toBe(200);
    } finally {
      await freshApp.close();
      await fresh.cleanup();
    }
  });
});
