import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from '../config.ts';

/**
 * The process's logger and its access log (issue 17). Fastify's own request logging writes two JSON lines per
 * request synchronously and halved throughput; instead every line goes through one asynchronous, buffered
 * destination (flushed on close and at exit), and each request writes one short line after its response.
 *
 * The access line carries the route pattern (or "-" when no route matched), never the path's values, the query
 * string, a body, a cookie or the client's address: tracking numbers, query codes and applicants' details stay out
 * of the logs (docs/security.md).
 */

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** `,"time":"2026-12-07T11:30:00.123+08:00"`: China time with its offset, as operators read the log. */
export const chinaTimestamp = () => `,"time":"${new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, -1)}+08:00"`;

export type LogDestination = { write(line: string): unknown; flushSync?(): void };

/** The logger for a config: null when logging is off, else pino on an asynchronous stdout (or the given stream). */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: LogDestination): FastifyBaseLogger | null {
  if (config.logLevel === 'silent') return null;
  // Written in 12 KB blocks under load, and at most a second late when the site is quiet.
  const dest = destination ?? pino.destination({ dest: 1, sync: false, minLength: 12 * 1024, periodicFlush: 1000 });
  const logger = pino({ level: config.logLevel, timestamp: chinaTimestamp, base: { pid: process.pid } }, dest as pino.DestinationStream);
  if (!destination) {
    // Lines still buffered when the process exits are written, not lost.
    process.once('exit', () => (dest as { flushSync(): void }).flushSync());
  }
  // Fastify's logger type is the common subset of loggers; pino is what Fastify itself would build.
  return logger as unknown as FastifyBaseLogger;
}

/** One access line's fields: no value a person typed, only the route's pattern. */
export function accessLine(request: FastifyRequest, reply: FastifyReply) {
  const length = reply.getHeader('content-length');
  return {
    method: request.method,
    route: request.routeOptions.url ?? '-',
    status: reply.statusCode,
    ms: Math.round(reply.elapsedTime * 10) / 10,
    bytes: typeof length === 'number' ? length : typeof length === 'string' ? Number(length) : null,
    reqId: request.id,
  };
}

/** Writes the access line of every request at level info (GONGKAI_ACCESS_LOG=off leaves it out). */
export function registerAccessLog(app: FastifyInstance, enabled: boolean): void {
  const stream = (app.log as unknown as Record<symbol, LogDestination | undefined>)[pino.symbols.streamSym];
  if (enabled && stream && (app.log as Partial<Logger>).isLevelEnabled?.('info') === true) {
    // The line pino would write for `info(fields, 'access')`, built directly: on a cached page pino's generic path
    // (bindings, serializers, hooks) cost as much as the rest of the request.
    const pid = `,"pid":${process.pid}`;
    app.addHook('onResponse', (request, reply, done) => {
      const f = accessLine(request, reply);
      stream.write(
        `{"level":30${chinaTimestamp()}${pid},"method":${JSON.stringify(f.method)},"route":${JSON.stringify(f.route)},"status":${f.status},"ms":${f.ms},"bytes":${f.bytes ?? 'null'},"reqId":${JSON.stringify(String(f.reqId))},"msg":"access"}\n`,
      );
      done();
    });
  }
  app.addHook('onClose', (_instance, done) => {
    (app.log as Partial<Logger>).flush?.();
    done();
  });
}
