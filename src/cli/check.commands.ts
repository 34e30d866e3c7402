/** `gongkai check AGENCY`: the compliance self-check, optionally after probing the online application channel. */
import type { Command } from 'commander';
import { listAgencies } from '../agencies/agencies.service.ts';
import { buildApp } from '../app.tsx';
import { runChannelProbe } from '../applications/probe.service.ts';
import { httpTransport, injectTransport } from '../applications/probe-browser.ts';
import { runSelfCheck } from '../compliance/compliance.service.ts';
import type { Registries } from '../composition.ts';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { type Actor, systemActor } from '../shared/actor.ts';
import { systemClock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { escapeControls } from '../shared/input-text.ts';
import { checkOutboundUrl, OutboundRefused, outboundPolicy } from '../shared/outbound.ts';
import { type CliContext, CliError, withRuntime } from './support.ts';

const CK = t.compliance.cli;

/**
 * Runs the channel probe for `gongkai check --probe`: against the server at `url`, or in this process through
 * Fastify's inject on an app built as `serve` builds it.
 */
async function probeChannel(cfg: Config, registries: Registries, handle: DatabaseHandle, actor: Actor, agency: Agency, url: string | undefined) {
  const deps = { db: handle.db, clock: systemClock, config: cfg };
  if (url !== undefined) return runChannelProbe(deps, actor, agency, httpTransport(url, outboundPolicy(cfg)));
  const app = await buildApp({ ...deps, dialect: handle.dialect, config: { ...cfg, logLevel: 'silent' }, registries });
  try {
    await app.ready();
    return await runChannelProbe(deps, actor, agency, injectTransport(app));
  } finally {
    await app.close();
  }
}

export function registerCheckCommand(program: Command, { out, config, registries }: CliContext): void {
  program
    .command('check')
    .description(CK.description)
    .argument('<agency>', CK.agency)
    .option('--year <year>', CK.year)
    .option('--probe', CK.probe)
    .option('--probe-url <url>', CK.probeUrl)
    .action(async (code: string, opts: { year?: string; probe?: boolean; probeUrl?: string }) => {
      const year = opts.year === undefined ? Number(systemClock.today().slice(0, 4)) : Number(opts.year);
      if (!Number.isInteger(year) || year < 2019 || year > 2299) throw new CliError(CK.badYear(String(opts.year)));
      if (opts.probeUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(opts.probeUrl)) throw new CliError(CK.badUrl(opts.probeUrl));
      const cfg = config();
      // Only the platform's own address (or a host the operator allows) is probed.
      if (opts.probeUrl !== undefined) {
        try {
          checkOutboundUrl(opts.probeUrl, outboundPolicy(cfg));
        } catch (error) {
          if (error instanceof OutboundRefused) throw new CliError(error.message);
          throw error;
        }
      }
      await withRuntime(cfg, async (handle) => {
        const { db } = handle;
        const agency = (await listAgencies(db)).find((a) => a.code === code);
        if (!agency) throw new CliError(CK.noAgency(code));
        const actor = systemActor(CK.actor);
        if (opts.probe || opts.probeUrl !== undefined) {
          const probe = await probeChannel(cfg, registries, handle, actor, agency, opts.probeUrl);
          const P = t.compliance.probe;
          const step = probe.failedStep ? `，${t.applications.probe.steps[probe.failedStep]}` : '';
          out(escapeControls(`${P.title}：${probe.ok ? P.ok : P.failed}${step} — ${probe.message}`));
        }
        const run = await runSelfCheck({ db, clock: systemClock, indicators: registries.indicators, publicUrl: cfg.publicUrl }, actor, agency, year);
        out(escapeControls(CK.score(agency.name, year, run.score)));
        for (const r of run.results) {
          out(r.unchecked !== undefined ? CK.unchecked(r.code, r.title, r.unchecked) : CK.result(r.passed, r.code, r.title, r.rule, r.weight));
          // Findings quote titles and names as stored (an import may have brought control characters).
          for (const f of r.findings) out(escapeControls(`    ${f.info ? `· ${t.compliance.infoOnly}：` : '- '}${f.message}`));
        }
        const remains = run.closedItems.filter((i) => i.closure === 'remains').length;
        if (run.closedItems.length > remains) out(t.compliance.closedByRun(run.closedItems.length - remains));
        if (remains > 0) out(t.compliance.closedRemains(remains));
      });
    });
}
