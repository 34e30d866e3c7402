import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { t } from '../shared/i18n/zh-CN.ts';

/** How long readiness waits for the database before calling it unreachable. */
const READY_TIMEOUT_MS = 2000;

/** True when the database answers a trivial query within `timeoutMs`. */
async function databaseAnswers(app: FastifyInstance, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = sql`select 1`.execute(app.deps.db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Health for load balancers and supervisors: `/healthz` (and the older `/health`) says the process is alive and
 * touches nothing; `/readyz` says whether it can serve, i.e. the database answers (503 while it does not).
 */
export function registerHealthRoutes(app: FastifyInstance): void {
  const alive = async () => ({ ok: true });
  app.get('/healthz', alive);
  app.get('/health', alive);
  app.get('/readyz', async (_request, reply) => {
    if (await databaseAnswers(app, READY_TIMEOUT_MS)) return { ok: true };
    return reply.code(503).send({ ok: false, message: t.errors.unavailable });
  });
}
