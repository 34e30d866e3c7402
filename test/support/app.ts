import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.tsx';
import { loadConfig } from '../../src/config.ts';
import { type Clock, systemClock } from '../../src/shared/clock.ts';
import type { TestDatabase } from './db.ts';

/** The real app on a test database, for `app.inject` requests; `env` adds settings (e.g. limits). */
export async function buildTestApp(tdb: TestDatabase, clock: Clock = systemClock, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ ...tdb.env, GONGKAI_LOG_LEVEL: 'silent', GONGKAI_PAGE_CACHE_MS: '0', ...env });
  const app = await buildApp({ db: tdb.db, dialect: tdb.dialect, clock, config });
  await app.ready();
  return app;
}

type InjectResponse = Awaited<ReturnType<FastifyInstance['inject']>>;

/** A browser-like client over `inject`: keeps cookies and reads CSRF tokens from the forms it fetched. */
export class Agent {
  private cookies = new Map<string, string>();
  lastCsrf: string | undefined;
  /** Sent with every request (e.g. a forged X-Forwarded-For). */
  headers: Record<string, string> = {};
  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  private absorb(res: InjectResponse): InjectResponse {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.lastCsrf = m[1];
    return res;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<InjectResponse> {
    return this.absorb(await this.app.inject({ method: 'GET', url, headers: { ...this.headers, cookie: this.cookieHeader() }, remoteAddress: this.ip }));
  }

  /** Posts a form; includes the last CSRF token seen unless `csrf: false`. */
  async post(url: string, form: Record<string, string>, opts: { csrf?: boolean } = {}): Promise<InjectResponse> {
    const body = new URLSearchParams({ ...form, ...(opts.csrf === false || !this.lastCsrf ? {} : { _csrf: this.lastCsrf }) }).toString();
    return this.absorb(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: this.ip,
      }),
    );
  }

  /** Posts a multipart form (fields and files); includes the last CSRF token seen. */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    files: { name: string; filename: string; data: Buffer; type?: string }[] = [],
  ): Promise<InjectResponse> {
    const boundary = `----gongkai${Date.now().toString(16)}`;
    const parts: Buffer[] = [];
    const all = { ...fields, ...(this.lastCsrf ? { _csrf: this.lastCsrf } : {}) };
    for (const [k, v] of Object.entries(all)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    for (const f of files) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        f.data,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.absorb(
      await this.app.inject({
        method: 'POST',
        url,
        payload: Buffer.concat(parts),
        headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        remoteAddress: this.ip,
      }),
    );
  }

  /** Signs in through the login form; returns the final response. */
  async login(username: string, password: string): Promise<InjectResponse> {
    await this.get('/admin/login');
    return this.post('/admin/login', { username, password, next: '/admin' });
  }
}
