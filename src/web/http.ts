import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { DomainError, type FieldErrors } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';

/** Sends a rendered page as UTF-8 HTML. */
export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page.html);
}

/**
 * Serves a public page from the page cache, rendering it on a miss. Only for pages that are the same for every
 * visitor (no form tokens, no personal data); the key includes the 适老化 mode.
 */
export async function sendCachedPage(request: FastifyRequest, reply: FastifyReply, render: () => Promise<SafeHtml> | SafeHtml): Promise<FastifyReply> {
  const cache = request.server.pageCache;
  const key = pageCacheKey(request);
  const html = cache.get(key) ?? cache.set(key, (await render()).html);
  return reply.type('text/html; charset=utf-8').send(html);
}

/** A public page's key in the page cache: the 适老化 mode and the target. */
export const pageCacheKey = (request: FastifyRequest): string => `${request.elder ? 'e' : 's'}${request.url}`;

export type FormState = { values: Record<string, string>; message?: string; fields: FieldErrors };

/** Browsers send every newline of a form as CRLF; stored text keeps LF, so a form posted back unchanged stays equal. */
export const formText = (value: string): string => value.replace(/\r\n?/g, '\n');

/**
 * The form fields of a body as strings (the last value wins for repeated names, so a hidden field before a checkbox
 * of the same name says "unchecked"), newlines as LF.
 */
export function formValues(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof last === 'string') out[k] = formText(last);
  }
  return out;
}

/**
 * Runs a form's use case. On VALIDATION or CONFLICT it returns a state holding the typed values and the field messages
 * so the page re-renders with them; any other error propagates to the error handler.
 */
export async function runForm<T>(values: Record<string, string>, action: () => Promise<T>): Promise<{ ok: true; result: T } | { ok: false; state: FormState }> {
  try {
    return { ok: true, result: await action() };
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'VALIDATION' || error.code === 'CONFLICT')) {
      return { ok: false, state: { values, message: error.code === 'CONFLICT' ? error.message : t.errors.validation, fields: error.fields } };
    }
    throw error;
  }
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, fields: {} });

/**
 * A form's POST: runs the use case, then redirects to `done(result)` (303); a refused input (validation or conflict)
 * renders the page again with the typed values and the messages (400).
 */
export async function submitForm<T>(
  reply: FastifyReply,
  values: Record<string, string>,
  run: () => Promise<T>,
  done: (result: T) => string,
  again: (form: FormState) => Promise<SafeHtml> | SafeHtml,
): Promise<FastifyReply> {
  const outcome = await runForm(values, run);
  if (outcome.ok) return reply.redirect(done(outcome.result), 303);
  return sendPage(reply, await again(outcome.state), 400);
}

// Any origin of our own: only the comparison matters, so the public address need not be configured.
const SITE = new URL('http://gongkai.invalid');

/**
 * The one rule for redirect targets that come from input (`next`, `back`): a same-site path, returned as the parsed
 * URL's path + query + fragment (percent-encoded, so always a valid Location header); anything else is the fallback.
 * Browsers drop tab/CR/LF and read `\` as `/` while resolving a URL, so those (and every control character) are
 * refused outright rather than guessed at; the resolved origin must be our own and the result must not begin with
 * `//` (which `/a/..//host` normalises to).
 */
export function safeNext(next: unknown, fallback = '/admin'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2048) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, SITE);
  } catch {
    return fallback;
  }
  const target = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === SITE.origin && !target.startsWith('//') ? target : fallback;
}
