import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.tsx';
import { loadConfig } from '../../src/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';
import { buildDemo, DEMO_PASSWORD } from '../../src/demo/demo.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { t } from '../../src/shared/i18n/zh-CN.ts';
import { Agent } from '../support/app.ts';

// The demo's editor and leader open their workbench: the due cases, documents and items are there, each linking to
// a page that answers 200 for that user.
describe('the demo’s workbench for the editor and the leader', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-workbench-demo-'));
    const config = loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent', GONGKAI_PAGE_CACHE_MS: '0' });
    await buildDemo(config);
    handle = openDatabase({ dataDir: dir });
    app = await buildApp({ db: handle.db, dialect: handle.dialect, clock: systemClock, config });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await handle?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = async (username: string) => {
    const agent = new Agent(app);
    await agent.get('/admin/login');
    expect((await agent.post('/admin/login', { username, password: DEMO_PASSWORD, next: '/admin/lcgxj' })).statusCode).toBe(303);
    const page = await agent.get('/admin/lcgxj');
    expect(page.statusCode).toBe(200);
    const links = [...page.body.matchAll(/<td><a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({
      href: (m[1] ?? '').replaceAll('&amp;', '&'),
      action: m[2] ?? '',
    }));
    for (const { href } of links) expect((await agent.get(href)).statusCode, href).toBe(200);
    return { body: page.body, actions: links.map((l) => l.action) };
  };

  it('lists the editor’s due cases, the case waiting to be confirmed, the rectification items and the report', async () => {
    const { body, actions } = await open('editor');
    expect(actions).toContain(t.todo.applications.answer);
    expect(actions).toContain(t.todo.applications.confirm);
    expect(actions).toContain(t.todo.rectification.close);
    expect(actions).toContain(t.todo.reports.draft);
    expect(actions).not.toContain(t.todo.applications.signoff);
    expect(body).toMatch(/已逾期 \d+ 个工作日/);
  });

  it('gives the leader an inbox of sign-offs, extensions and documents to approve', async () => {
    const { body, actions } = await open('leader');
    expect(body).toContain(t.workbench.leaderTitle);
    expect(actions).toEqual(expect.arrayContaining([t.todo.applications.signoff, t.todo.applications.extension, t.todo.documents.approval]));
    expect(actions).not.toContain(t.todo.applications.answer);
  });

  it('gives the reviewer the document in 保密审查', async () => {
    const { actions } = await open('reviewer');
    expect(actions).toEqual([t.todo.documents.secrecy]);
  });
});
