/**
 * Requests Node's HTTP parser refuses before Fastify sees them (Fastify's `clientErrorHandler`). Its default answers
 * English JSON; we answer the portal's Chinese page, and serve raw UTF-8 targets (`GET /search?q=工业`, sent
 * unencoded by some clients and crawlers; refused by llhttp as HPE_INVALID_URL) as if they had been percent-encoded:
 * the head is read back from the failed packet (and the rest of the head, if it had not all arrived), the target
 * encoded, and the request served through the app itself (`inject`, so every hook, header and throttle applies).
 * A parser that failed cannot go on, so these answers close the connection.
 */
import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { t } from '../shared/i18n/zh-CN.ts';
import { ErrorPage } from './layout.tsx';
import { encodeRawTarget, headEnd, parseRawHead, type RawHead, requestLineStart } from './request-target.ts';

type ClientError = Error & { code?: string; rawPacket?: Buffer; bytesParsed?: number };

// A head larger than Node's default header limit is not a head we wait for.
const MAX_HEAD = 16 * 1024;
const HEAD_TIMEOUT_MS = 10_000;
const NO_BODY = new Set(['GET', 'HEAD']);
// Framing the replayed answer sets itself.
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** Whether the cookie header selects the 适老化 mode (the cookie plugin has not run for these requests). */
export const elderFromCookie = (cookie: string | undefined) => /(?:^|;\s*)gk_elder=1(?:;|$)/.test(cookie ?? '');

/** The answer for a request that cannot be served: the Chinese error page (JSON under /api/), closing the connection. */
function refusal(status: number, security: Readonly<Record<string, string>>, api: boolean, elder: boolean): Buffer {
  const [title, message] = status === 400 ? [t.errors.badUrlTitle, t.errors.badUrl] : [t.errors.badRequestTitle, t.errors.badRequest];
  const body = api
    ? JSON.stringify({ error: { code: 'BAD_REQUEST', message } })
    : (<ErrorPage status={status} title={title} message={message} elder={elder} />).html;
  const headers = {
    ...security,
    'content-type': api ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  return frame(status, Object.entries(headers), Buffer.from(body));
}

function frame(status: number, headers: [string, string][], body: Buffer): Buffer {
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`, ...headers.map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]);
}

/** Reads on until the head is complete or over MAX_HEAD; null when the peer ends or waits too long. */
function completeHead(socket: Socket, start: Buffer): Promise<Buffer | null> {
  if (headEnd(start) >= 0 || start.length > MAX_HEAD) return Promise.resolve(start);
  return new Promise((resolve) => {
    let buf = start;
    const finish = (value: Buffer | null) => {
      clearTimeout(timer);
      socket.off('data', onData).off('end', onEnd);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (headEnd(buf) >= 0 || buf.length > MAX_HEAD) finish(buf);
    };
    const onEnd = () => finish(null);
    const timer = setTimeout(() => finish(null), HEAD_TIMEOUT_MS);
    // Listening for 'data' takes the socket from the native parser (Node unconsumes it); its own listener would only
    // feed the failed parser again.
    socket.on('data', onData);
    for (const listener of socket.listeners('data')) if (listener !== onData) socket.off('data', listener as (chunk: Buffer) => void);
    socket.on('end', onEnd);
  });
}

/** Waits until responses to earlier pipelined requests on this socket are written, so answers stay in order. */
async function earlierResponsesWritten(socket: Socket): Promise<void> {
  // Node keeps the response being written as socket._httpMessage and attaches the next queued one when it finishes.
  const current = () => (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  for (let res = current(); res && !res.writableFinished && !res.destroyed; res = current()) {
    const pending = res;
    await new Promise<void>((resolve) => {
      pending.once('finish', resolve).once('close', resolve);
    });
  }
}

async function replay(app: FastifyInstance, socket: Socket, head: RawHead, url: string): Promise<Buffer> {
  const res = await app.inject({ method: head.method as 'GET' | 'HEAD', url, headers: head.headers, remoteAddress: socket.remoteAddress ?? '127.0.0.1' });
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined || HOP_HEADERS.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.push([name, String(v)]);
  }
  const length = head.method === 'HEAD' ? String(res.headers['content-length'] ?? 0) : String(res.rawPayload.length);
  headers.push(['content-length', length], ['connection', 'close']);
  return frame(res.statusCode, headers, head.method === 'HEAD' ? Buffer.alloc(0) : res.rawPayload);
}

/** Fastify's `clientErrorHandler` for the app; `app` is read when an error happens. */
export function clientErrorHandler(app: () => FastifyInstance, security: Readonly<Record<string, string>>) {
  // A failed parser reports again for every later chunk; the first report is answered.
  const answered = new WeakSet<Socket>();

  async function answer(err: ClientError, socket: Socket): Promise<Buffer> {
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    if (err.code !== 'HPE_INVALID_URL' || !err.rawPacket) return refusal(status, security, false, false);
    const packet = err.rawPacket.subarray(requestLineStart(err.rawPacket, err.bytesParsed ?? 0));
    const raw = await completeHead(socket, packet);
    if (!raw) return refusal(400, security, false, false);
    // The same limit Node's parser applies to any other head.
    const end = headEnd(raw);
    if (end < 0 || end > MAX_HEAD) return refusal(431, security, false, false);
    const head = parseRawHead(raw.subarray(0, end));
    if (!head) return refusal(400, security, false, false);
    const api = head.target.subarray(0, 5).toString('latin1') === '/api/';
    const elder = elderFromCookie(head.headers.cookie);
    const url = encodeRawTarget(head.target);
    const hasBody = (head.headers['content-length'] ?? '0') !== '0' || head.headers['transfer-encoding'] !== undefined;
    if (url === null || !NO_BODY.has(head.method) || hasBody) return refusal(400, security, api, elder);
    await earlierResponsesWritten(socket);
    return replay(app(), socket, head, url);
  }

  // Fastify types rawPacket as its JSON form; Node passes the Buffer.
  return (error: Error, socket: Socket): void => {
    const err = error as ClientError;
    if (err.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
    answered.add(socket);
    app().log.debug({ err }, 'client error');
    answer(err, socket).then(
      (response) => {
        if (socket.writable) socket.end(response);
        else socket.destroy();
      },
      (error: unknown) => {
        app().log.error({ err: error }, 'answering a client error failed');
        socket.destroy();
      },
    );
  };
}
