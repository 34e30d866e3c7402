/** `gongkai notify`: send what the notifications outbox holds; `gongkai notify sms AGENCY on|off`: the SMS switch. */
import type { Command } from 'commander';
import { findAgencyByCode } from '../agencies/agencies.service.ts';
import { loggingSmsGateway } from '../notifications/channels.ts';
import { configuredChannels, dispatchNotifications } from '../notifications/dispatcher.ts';
import { setSmsEnabled } from '../notifications/outbox.ts';
import { systemActor } from '../shared/actor.ts';
import { systemClock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { escapeControls } from '../shared/input-text.ts';
import { type CliContext, CliError, EXIT_FAILED, withRuntime } from './support.ts';

const N = t.notifications;

export function registerNotifyCommand(program: Command, { out, config }: CliContext): void {
  const notify = program
    .command('notify')
    .description(N.cliDescription)
    .action(async () => {
      const cfg = config();
      const { channels, close } = configuredChannels(cfg, loggingSmsGateway(out));
      if (!channels.email) out(N.noSmtpNote);
      try {
        await withRuntime(cfg, async ({ db }) => {
          const r = await dispatchNotifications({ db, clock: systemClock, channels });
          out(N.dispatchDone(r.sent, r.retrying, r.failed));
          if (r.failed > 0) throw new CliError(N.dispatchDone(r.sent, r.retrying, r.failed), EXIT_FAILED);
        });
      } finally {
        close();
      }
    });
  notify
    .command('sms <agency> <onOff>')
    .description(N.cliSms)
    .action(async (code: string, onOff: string) => {
      if (onOff !== 'on' && onOff !== 'off') throw new CliError(N.smsBadValue(escapeControls(onOff)));
      await withRuntime(config(), async ({ db }) => {
        const agency = await findAgencyByCode(db, code);
        if (!agency) throw new CliError(N.noAgency(escapeControls(code)));
        await setSmsEnabled({ db, clock: systemClock }, systemActor('命令行'), agency.id, onOff === 'on');
        out(N.smsSet(escapeControls(agency.name), onOff === 'on'));
      });
    });
}
