import fs from 'node:fs';
import { multipartBody } from './files.ts';

/** Cookie jar over fetch, following no redirects, for talking to real server processes; reads CSRF tokens from pages. */
export class FetchAgent {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(`${this.base}${path}`, {
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

  async page(path: string): Promise<{ status: number; body: string }> {
    const res = await this.request(path);
    const body = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m?.[1]) this.csrf = m[1];
    return { status: res.status, body };
  }

  async post(path: string, form: Record<string, string | readonly string[]>): Promise<{ status: number; location: string | null; body: string }> {
    // A list is sent as the field repeated, as checkboxes are.
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of typeof v === 'string' ? [v] : v) body.append(k, one);
    body.append('_csrf', this.csrf);
    const res = await this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  }

  /** Posts a multipart form with the last CSRF token seen. */
  async postMultipart(
    path: string,
    fields: Record<string, string>,
    files: { field: string; fileName: string; data: Buffer; type?: string }[],
  ): Promise<{ status: number; location: string | null; body: string }> {
    const { body, contentType } = multipartBody({ ...fields, _csrf: this.csrf }, files);
    const res = await this.request(path, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  }

  async login(username: string, password: string): Promise<void> {
    await this.page('/admin/login');
    const res = await this.post('/admin/login', { username, password, next: '/admin' });
    if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  }
}

/** The resident memory of a process (Linux), in MiB. */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}
