/** `gongkai remind`: e-mail the handlers of cases due soon or overdue. */
import type { Command } from 'commander';
import { REMINDER_WORKDAYS, sendDueReminders } from '../applications/reminders.service.ts';
import { systemClock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { createMailer } from '../shared/mailer.ts';
import { queueDailyDigests } from '../workbench/digest.service.ts';
import { type CliContext, CliError, EXIT_FAILED, withRuntime } from './support.ts';

const M = t.applications.reminders;

export function registerRemindCommand(program: Command, { out, config, registries }: CliContext): void {
  program
    .command('remind')
    .description(M.cliDescription)
    .option('--days <n>', M.cliDays, String(REMINDER_WORKDAYS))
    .action(async (opts: { days: string }) => {
      const days = Number(opts.days);
      if (!/^\d+$/.test(opts.days) || days > 20) throw new CliError(M.badDays(opts.days));
      const cfg = config();
      const mailer = createMailer(cfg);
      if (!mailer) throw new CliError(M.noSmtp);
      try {
        await withRuntime(cfg, async ({ db }) => {
          const r = await sendDueReminders({ db, clock: systemClock, mailer, publicUrl: cfg.publicUrl }, { withinWorkdays: days });
          out(M.done(r.sent, r.skipped, r.failed));
          // The workbench's daily digest rides on the same job: queued once per person and China day (the outbox sends).
          const digests = await queueDailyDigests({ db, clock: systemClock, publicUrl: cfg.publicUrl }, registries.todoSources);
          out(t.workbench.digest.done(digests.queued));
          if (r.failed > 0) throw new CliError(M.done(r.sent, r.skipped, r.failed), EXIT_FAILED);
        });
      } finally {
        mailer.close();
      }
    });
}
