/**
 * The few things a citizen's browser does that the channel probe must do the same way: read a page's forms (hidden
 * fields, default choices), build the form data set as a browser submits it (urlencoded or multipart, an empty file
 * part for an unchosen file), keep cookies per path, and send requests through a transport: Fastify's inject on the
 * app in this process, or HTTP to a running server. Pure except the transports.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { checkOutboundUrl, type OutboundPolicy, outboundFetch } from '../shared/outbound.ts';

/** A form control as the page renders it. */
export type FormControl =
  | { kind: 'input'; name: string; type: string; value: string; checked: boolean; disabled: boolean }
  | { kind: 'select'; name: string; options: { value: string; selected: boolean }[]; disabled: boolean }
  | { kind: 'textarea'; name: string; value: string; disabled: boolean };

export type ParsedForm = { action: string; method: string; enctype: string; controls: FormControl[] };

/** One entry of a form data set: a text value, or a file (the probe never chooses one: empty name and content). */
export type FormEntry = { name: string; value: string; file?: true };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references our pages (and any HTML) use. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[ref.toLowerCase()] ?? m;
  });
}

/** The attributes of a start tag's attribute text (quoted, unquoted, or bare boolean). */
export function parseAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = (m[1] as string).toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** The end of the element opened before `from`: the index of its closing tag `</name>` (case-insensitive), or -1. */
function closingTag(lower: string, name: string, from: number): number {
  return lower.indexOf(`</${name}>`, from);
}

/**
 * Every form of a page with its controls, in document order. Start tags are found by regular expressions that stop at
 * the next '<'; element ends by indexOf: linear in the page, whatever it holds.
 */
export function parseForms(html: string): ParsedForm[] {
  const lower = html.toLowerCase();
  const forms: ParsedForm[] = [];
  for (const f of html.matchAll(/<form\b([^<>]*)>/gi)) {
    const start = (f.index as number) + f[0].length;
    const end = closingTag(lower, 'form', start);
    if (end < 0) break;
    const attrs = parseAttributes(f[1] as string);
    const body = html.slice(start, end);
    const bodyLower = lower.slice(start, end);
    const controls: FormControl[] = [];
    for (const c of body.matchAll(/<(input|select|textarea)\b([^<>]*)>/gi)) {
      const tag = (c[1] as string).toLowerCase();
      const a = parseAttributes(c[2] as string);
      const name = a.get('name');
      const after = (c.index as number) + c[0].length;
      if (tag === 'input') {
        if (!name) continue;
        controls.push({
          kind: 'input',
          name,
          type: (a.get('type') ?? 'text').toLowerCase(),
          value: a.get('value') ?? '',
          checked: a.has('checked'),
          disabled: a.has('disabled'),
        });
        continue;
      }
      const close = closingTag(bodyLower, tag, after);
      if (!name || close < 0) continue;
      const inner = body.slice(after, close);
      if (tag === 'select') {
        const options = [...inner.matchAll(/<option\b([^<>]*)>([^<]*)/gi)].map((o) => {
          const oa = parseAttributes(o[1] as string);
          return { value: oa.get('value') ?? decodeEntities((o[2] as string).trim()), selected: oa.has('selected') };
        });
        controls.push({ kind: 'select', name, options, disabled: a.has('disabled') });
      } else {
        // A browser drops one newline right after <textarea>.
        controls.push({ kind: 'textarea', name, value: decodeEntities(inner.replace(/^\r?\n/, '')), disabled: a.has('disabled') });
      }
    }
    forms.push({
      action: attrs.get('action') ?? '',
      method: (attrs.get('method') ?? 'get').toLowerCase(),
      enctype: (attrs.get('enctype') ?? 'application/x-www-form-urlencoded').toLowerCase(),
      controls,
    });
  }
  return forms;
}

const BUTTON_TYPES = new Set(['submit', 'button', 'reset', 'image']);

/**
 * The form data set a browser submits after the user set `fill` (text typed, a radio or option chosen), in document
 * order; or the names in `fill` the form cannot take (no such control, or no such choice).
 */
export function fillForm(form: ParsedForm, fill: Record<string, string>): { entries: FormEntry[]; problems: string[] } {
  const problems: string[] = [];
  const controls = form.controls.filter((c) => !c.disabled);
  for (const [name, value] of Object.entries(fill)) {
    const named = controls.filter((c) => c.name === name);
    const ok = named.some((c) =>
      c.kind === 'select'
        ? c.options.some((o) => o.value === value)
        : c.kind === 'input' && (c.type === 'radio' || c.type === 'checkbox')
          ? c.value === value
          : !(c.kind === 'input' && (c.type === 'hidden' || c.type === 'file' || BUTTON_TYPES.has(c.type))),
    );
    if (!ok) problems.push(name);
  }
  const entries: FormEntry[] = [];
  for (const c of controls) {
    const wanted = fill[c.name];
    if (c.kind === 'select') {
      const chosen = wanted !== undefined && c.options.some((o) => o.value === wanted) ? wanted : (c.options.find((o) => o.selected) ?? c.options[0])?.value;
      if (chosen !== undefined) entries.push({ name: c.name, value: chosen });
    } else if (c.kind === 'textarea') {
      entries.push({ name: c.name, value: wanted ?? c.value });
    } else if (c.type === 'radio' || c.type === 'checkbox') {
      const checked = wanted !== undefined && c.type === 'radio' ? c.value === wanted : wanted !== undefined ? c.value === wanted || c.checked : c.checked;
      if (checked) entries.push({ name: c.name, value: c.value || 'on' });
    } else if (c.type === 'file') {
      entries.push({ name: c.name, value: '', file: true });
    } else if (!BUTTON_TYPES.has(c.type)) {
      entries.push({ name: c.name, value: c.type === 'hidden' || wanted === undefined ? c.value : wanted });
    }
  }
  return { entries, problems };
}

/** The request body of a form data set in the form's encoding, as a browser builds it. */
export function encodeForm(form: Pick<ParsedForm, 'enctype'>, entries: readonly FormEntry[]): { body: Buffer; contentType: string } {
  if (form.enctype === 'multipart/form-data') {
    const boundary = `----GongkaiProbe${randomBytes(12).toString('hex')}`;
    const quote = (s: string) => s.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
    const parts: Buffer[] = [];
    for (const e of entries) {
      const head = e.file
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${quote(e.name)}"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${quote(e.name)}"\r\n\r\n`;
      parts.push(Buffer.from(`${head}${e.file ? '' : e.value.replace(/\r?\n/g, '\r\n')}\r\n`, 'utf8'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
  }
  const params = new URLSearchParams();
  for (const e of entries) params.append(e.name, e.value);
  return { body: Buffer.from(params.toString(), 'utf8'), contentType: 'application/x-www-form-urlencoded' };
}

export type ProbeRequest = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: Buffer | undefined };
export type ProbeResponse = {
  status: number;
  /** Response headers by lower-case name (the first value of a repeated one). */
  headers: Record<string, string>;
  location: string | undefined;
  setCookies: string[];
  body: string;
};
/** Where the probe's requests go: `target` names it for the record. */
export type ProbeTransport = { target: string; send(request: ProbeRequest): Promise<ProbeResponse> };

const list = (v: string | string[] | number | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [String(v)]);

/** Requests through Fastify's inject on an app in this process (the full stack: hooks, CSRF, multipart, routes). */
export function injectTransport(app: FastifyInstance): ProbeTransport {
  return {
    target: 'in-process',
    async send(r) {
      const res = await app.inject({ method: r.method, url: r.path, headers: r.headers, ...(r.body ? { payload: r.body } : {}), remoteAddress: '127.0.0.1' });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        const first = list(v)[0];
        if (first !== undefined) headers[k.toLowerCase()] = first;
      }
      return { status: res.statusCode, headers, location: headers.location, setCookies: list(res.headers['set-cookie']), body: res.body };
    },
  };
}

/**
 * Requests over HTTP to a running server (`--probe-url`), which the outbound policy must allow (OutboundRefused
 * otherwise, before any request); every request stays on its origin, redirects are returned, not followed; each is
 * limited to `timeoutMs`.
 */
export function httpTransport(baseUrl: string, policy: OutboundPolicy, timeoutMs = 15_000): ProbeTransport {
  let base = checkOutboundUrl(baseUrl, policy).href;
  while (base.endsWith('/')) base = base.slice(0, -1);
  return {
    target: base,
    async send(r) {
      // A path is appended to the base, never resolved against it: a page cannot send the probe to another host.
      const res = await outboundFetch(
        `${base}${r.path.startsWith('/') ? r.path : `/${r.path}`}`,
        {
          method: r.method,
          headers: r.headers,
          ...(r.body ? { body: r.body } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        },
        policy,
      );
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        headers[key] = value;
      });
      return { status: res.status, headers, location: headers.location, setCookies: res.headers.getSetCookie(), body: await res.text() };
    },
  };
}

type Cookie = { value: string; path: string };

/** A browser session over a transport: cookies kept per name and path, sent where their path matches. */
export class ProbeBrowser {
  private readonly cookies = new Map<string, Cookie>();
  constructor(private readonly transport: ProbeTransport) {}

  private absorb(res: ProbeResponse): ProbeResponse {
    for (const line of res.setCookies) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const attr = new Map(
        attrs.map((a) => {
          const i = a.indexOf('=');
          return i < 0 ? [a.trim().toLowerCase(), ''] : [a.slice(0, i).trim().toLowerCase(), a.slice(i + 1).trim()];
        }),
      );
      const path = attr.get('path') || '/';
      const key = `${name}\u0000${path}`;
      const expires = attr.get('expires');
      const gone = value === '' || attr.get('max-age') === '0' || (expires !== undefined && Date.parse(expires) < Date.now());
      if (gone) this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
    return res;
  }

  private cookieHeader(path: string): string {
    const out: string[] = [];
    for (const [key, c] of this.cookies) {
      if (path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)) out.push(`${key.split('\u0000')[0]}=${c.value}`);
    }
    return out.join('; ');
  }

  private headers(path: string, extra: Record<string, string>): Record<string, string> {
    const cookie = this.cookieHeader(path);
    return { 'user-agent': 'GongkaiChannelProbe/1', accept: 'text/html', ...(cookie ? { cookie } : {}), ...extra };
  }

  async get(path: string, extra: Record<string, string> = {}): Promise<ProbeResponse> {
    return this.absorb(await this.transport.send({ method: 'GET', path, headers: this.headers(path, extra) }));
  }

  /** Submits a form's data set to `path` in the form's encoding. */
  async submit(path: string, form: Pick<ParsedForm, 'enctype'>, entries: readonly FormEntry[], extra: Record<string, string> = {}): Promise<ProbeResponse> {
    const { body, contentType } = encodeForm(form, entries);
    return this.absorb(await this.transport.send({ method: 'POST', path, headers: this.headers(path, { 'content-type': contentType, ...extra }), body }));
  }
}
