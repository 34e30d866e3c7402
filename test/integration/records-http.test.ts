import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// The record modules' routes declare their params with zod: what they answer must be what it was before.
describe.each(DIALECTS)('the record modules over HTTP on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb);
    const agency = await buildAgency(tdb.db, { code: 'rec', name: '测试局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: 'rec-admin' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('shows the working year (as with no year) for a year that is not one, and keeps a valid one', async () => {
    const admin = new Agent(app, '10.4.0.1');
    await admin.login('rec-admin', TEST_PASSWORD);
    for (const path of ['proposals', 'trainings', 'work-points', 'rectification']) {
      const current = (body: string) => /aria-current="page">(\d{4})年度/.exec(body)?.[1];
      const plain = await admin.get(`/admin/rec/${path}`);
      const bad = await admin.get(`/admin/rec/${path}?year=abc&edit=x`);
      expect(bad.statusCode, path).toBe(200);
      expect(current(bad.body), path).toBe(current(plain.body));
      expect(current(bad.body), path).toMatch(/^20\d\d$/);
      const chosen = await admin.get(`/admin/rec/${path}?year=2022`);
      expect(current(chosen.body), path).toBe('2022');
    }
  });

  it('answers an id that names nothing: sign in first, then a Chinese 404; a record is added and removed', async () => {
    const visitor = new Agent(app, '10.4.0.2');
    const signedOut = await visitor.get('/admin/rec/proposals?year=abc');
    expect([signedOut.statusCode, signedOut.headers.location]).toEqual([302, '/admin/login?next=%2Fadmin%2Frec%2Fproposals%3Fyear%3Dabc']);
    // A POST without its CSRF token is refused for that before anything else.
    expect((await visitor.post('/admin/rec/proposals/abc/delete', {}, { csrf: false })).statusCode).toBe(403);
    const admin = new Agent(app, '10.4.0.3');
    await admin.login('rec-admin', TEST_PASSWORD);
    for (const path of ['proposals/abc/delete', 'trainings/0', 'rectification/1.5/close']) {
      const res = await admin.post(`/admin/rec/${path}`, {});
      expect(res.statusCode, path).toBe(404);
      expect(res.body, path).toContain('页面不存在');
    }
    const created = await admin.post('/admin/rec/trainings?year=2024', { heldOn: '2024-03-01', kind: 'training', topic: '条例培训', attendance: '12' });
    expect([created.statusCode, created.headers.location]).toEqual([303, '/admin/rec/trainings?year=2024&saved=1']);
    const row = await tdb.db.selectFrom('trainings').select('id').executeTakeFirstOrThrow();
    const removed = await admin.post(`/admin/rec/trainings/${row.id}/delete?year=2024`, {});
    expect([removed.statusCode, removed.headers.location]).toEqual([303, '/admin/rec/trainings?year=2024&saved=0']);
    expect(await tdb.db.selectFrom('trainings').select('id').execute()).toEqual([]);
    // The report's story records (issue 15): a leading group and a 工作创新, each listed under its year.
    const group = await admin.post('/admin/rec/mechanisms?year=2024', {
      kind: 'leading_group',
      name: '《政务公开工作领导小组》',
      adoptedOn: '2024-05-06',
      adjusted: 'on',
      detail: '主要负责同志任组长',
    });
    expect([group.statusCode, group.headers.location]).toEqual([303, '/admin/rec/mechanisms?year=2024&saved=1']);
    expect(await tdb.db.selectFrom('workMechanisms').select(['name', 'adjusted']).execute()).toEqual([{ name: '政务公开工作领导小组', adjusted: 1 }]);
    const innovation = await admin.post('/admin/rec/innovations?year=2024', { notedOn: '2025-01-02', title: '直通车', summary: '开设惠企政策直通车。' });
    expect(innovation.headers.location).toBe('/admin/rec/innovations?year=2025&saved=1');
    const list = await admin.get('/admin/rec/innovations?year=2025');
    expect([list.statusCode, list.body.includes('开设惠企政策直通车。')]).toEqual([200, true]);
    expect((await admin.post('/admin/rec/innovations?year=2025', { notedOn: '2025-01-02', title: '', summary: '' })).statusCode).toBe(400);
  });
});
