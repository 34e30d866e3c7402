/** `gongkai report AGENCY YEAR` and `gongkai report check FILE`: the annual report and its table checks. */
import fs from 'node:fs';
import { type Command, Option } from 'commander';
import { findAgencyByCode } from '../agencies/agencies.service.ts';
import { prepareReport } from '../reports/build-report.ts';
import { CSV_LAYOUTS, type CsvLayout, REPORT_FORMATS, type ReportFileFormat, renderReport } from '../reports/render/index.ts';
import { describeChecks } from '../reports/report-check.ts';
import { systemClock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { registerReportCheck } from './report-check.command.ts';
import { type CliContext, CliError, warn, withRuntime } from './support.ts';

const R = t.reports.cli;

export function registerReportCommands(program: Command, context: CliContext): void {
  const { out, config, registries } = context;
  const report = program
    .command('report')
    .description(R.description)
    .argument('<agency>', R.agency)
    .argument('<year>', R.year)
    .addOption(new Option('--format <format>', R.format).choices([...REPORT_FORMATS]).default('json'))
    .option('--out <file>', R.out)
    .addOption(new Option('--layout <layout>', R.layout).choices([...CSV_LAYOUTS]))
    .action(async (code: string, yearText: string, opts: { format: ReportFileFormat; out?: string; layout?: CsvLayout }) => {
      const year = Number(yearText);
      if (!/^\d{4}$/.test(yearText) || year < 2008) throw new CliError(R.badYear(yearText));
      if (opts.format === 'docx' && !opts.out) throw new CliError(R.docxNeedsOut);
      if (opts.layout && opts.format !== 'csv') throw new CliError(R.layoutNeedsCsv);
      await withRuntime(config(), async ({ db }) => {
        const agency = await findAgencyByCode(db, code);
        if (!agency) throw new CliError(R.noAgency(code));
        const workspace = await prepareReport({ db, clock: systemClock, sources: registries.reportSources(db) }, agency, year);
        const rendered = await renderReport(workspace, opts.format, opts.layout ? { layout: opts.layout } : {});
        if (opts.out) {
          fs.writeFileSync(opts.out, rendered);
          out(R.written(opts.out));
        } else out(String(rendered).replace(/\n$/, ''));
        if (workspace.report.checks.some((c) => !c.ok)) warn(describeChecks(workspace.report.checks).join('\n'));
      });
    });
  registerReportCheck(report, context);
}
