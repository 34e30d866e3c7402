import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { onlineApplicationForm } from '../builders/applications.ts';
import { buildAgency } from '../builders/index.ts';
import { type PgCluster, pgClusterUnavailable, startPgCluster } from '../support/pg-cluster.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';

const unavailable = pgClusterUnavailable();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it holds (or gives up after `attempts`); the test then asserts the state, never the time. */
async function eventually(check: () => Promise<boolean> | boolean, attempts = 150, pauseMs = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await sleep(pauseMs);
  }
}

/** Fetches the apply form and posts it back with the CSRF cookie and token, as a browser does. */
async function submitApplication(base: string, code: string, fields: Record<string, string>): Promise<Response> {
  const page = await fetch(`${base}/gk/${code}/apply`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...fields, _csrf: csrf })) form.append(k, v);
  return fetch(`${base}/gk/${code}/apply`, { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' });
}

// A PostgreSQL of the test's own, stopped and started again under a running server (never the shared test server).
describe.skipIf(unavailable !== null)(`the server while its PostgreSQL restarts${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cluster: PgCluster;
  let server: ServerProcess;
  let dataDir: string;
  const code = 'outage';

  beforeAll(async () => {
    cluster = await startPgCluster();
    const seed = openDatabase({ databaseUrl: cluster.url, dataDir: os.tmpdir(), poolSize: 2 });
    try {
      await migrateToLatest(seed.db);
      await buildAgency(seed.db, { code, name: '停机测试局' });
    } finally {
      // Closed before the outage: only the server's pool is under test.
      await seed.destroy();
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-outage-'));
    server = await startServerProcess({ DATABASE_URL: cluster.url, GONGKAI_DATA_DIR: dataDir, GONGKAI_PAGE_CACHE_MS: '0' }, 120_000);
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await cluster?.destroy();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps running with idle connections in its pool, answers 503 in Chinese while the database is down, and recovers by itself', async () => {
    const base = server.url;
    // Several requests at once leave several idle connections in the pool.
    const warm = await Promise.all(Array.from({ length: 8 }, () => fetch(`${base}/gk/${code}/apply`)));
    expect(warm.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    await cluster.stop();
    // The dropped idle connections are reported (or the process has died, which the next assertion shows).
    await eventually(() => server.output().includes('数据库连接中断') || server.exitCode() !== null);
    expect(server.exitCode(), server.output()).toBeNull();

    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ ok: true });
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { ok: boolean }).ok).toBe(false);

    const page = await fetch(`${base}/gk/${code}/apply`);
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('retry-after')).toBeTruthy();
    const body = await page.text();
    expect(body).toContain('服务暂时不可用');
    expect(body).toContain('系统暂时无法访问数据库');
    const api = await fetch(`${base}/api/v1/agencies/${code}/documents`);
    expect(api.status).toBe(503);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');

    await cluster.start();
    await eventually(async () => (await fetch(`${base}/readyz`)).status === 200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/gk/${code}/apply`)).status).toBe(200);
    const submitted = await submitApplication(base, code, onlineApplicationForm({ name: '恢复后', subject: '数据库恢复后提交的申请' }));
    expect(submitted.status).toBe(303);
    expect(server.exitCode()).toBeNull();

    const check = openDatabase({ databaseUrl: cluster.url, dataDir: os.tmpdir(), poolSize: 1 });
    try {
      const row = await check.db.selectFrom('applications').select(['subject']).where('applicantName', '=', '恢复后').executeTakeFirst();
      expect(row?.subject).toBe('数据库恢复后提交的申请');
    } finally {
      await check.destroy();
    }
  }, 120_000);
});
