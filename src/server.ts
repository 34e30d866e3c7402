import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.tsx';
import { startReminderTimer } from './applications/reminders.service.ts';
import { buildRegistries, type Registries } from './composition.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { resumeReindexInBackground } from './documents/reindex.ts';
import { startNotificationTimer } from './notifications/dispatcher.ts';
import { openRuntime } from './runtime.ts';
import { systemClock } from './shared/clock.ts';
import { t } from './shared/i18n/zh-CN.ts';
import { issueSetupToken } from './users/setup.service.ts';
import { queueDailyDigests } from './workbench/digest.service.ts';

export type RunningServer = { app: FastifyInstance; url: string; handle: DatabaseHandle; close(): Promise<void> };

/** Opens the database, builds the app and listens; prints where it serves and, on an empty platform, the setup link. */
export async function startServer(
  config: Config,
  log: (line: string) => void = console.log,
  registries: Registries = buildRegistries(),
): Promise<RunningServer> {
  const handle = await openRuntime(config);
  const deps = { db: handle.db, dialect: handle.dialect, clock: systemClock, config };
  const app = await buildApp({ ...deps, registries });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log(`政府信息公开平台已启动：${url}/  （数据库：${handle.dialect === 'sqlite' ? handle.location : 'PostgreSQL'}）`);
  const setupToken = await issueSetupToken(deps);
  if (setupToken) {
    log('平台尚未完成初始设置。请在浏览器中打开以下一次性链接，创建第一个机关及其管理员：');
    log(`  ${url}/admin/setup?token=${setupToken}`);
  }
  // 依申请公开: hourly due-date reminders to handlers when SMTP is configured (claimed in the database, sent once),
  // and the workbench's daily digest (one mail per person per China day, queued once in the outbox).
  const stopReminders = startReminderTimer(deps, config, log, async () => {
    const r = await queueDailyDigests({ ...deps, publicUrl: config.publicUrl }, registries.todoSources);
    return r.queued > 0 ? t.workbench.digest.done(r.queued) : null;
  });
  // The outbox: notices to applicants and handlers, every minute (each message claimed once across servers).
  const stopNotifications = startNotificationTimer(deps, config, log);
  // SQLite: a full search reindex left unfinished (or asked for by a migration) goes on in the background.
  const reindexing = resumeReindexInBackground(deps, log);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    stopReminders();
    stopNotifications();
    await reindexing.stop();
    await app.close();
    await handle.destroy();
  };
  return { app, url, handle, close };
}
