/** `gongkai report check FILE|DIR`: one report as published (HTML, DOCX, CSV, JSON), or every report file of a folder. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ruleShortName } from '../reports/published/published-checks.ts';
import { PUBLISHED_EXTENSIONS, readPublishedFile } from '../reports/published/read-published.ts';
import { checkPublishedReport } from '../reports/report-check.ts';
import { ReportInputError, reportFileText } from '../reports/report-input.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { escapeControls, MAX_INPUT_FILE_BYTES } from '../shared/input-text.ts';
import { type CliContext, CliError, EXIT_FAILED } from './support.ts';

const R = t.reports.cli;
const P = t.reports.published;

async function readOne(file: string) {
  let bytes: Buffer;
  try {
    // The same size limit as every file the command line reads.
    if (fs.statSync(file).size > MAX_INPUT_FILE_BYTES) throw new ReportInputError(t.files.read.fileTooLarge(Math.floor(MAX_INPUT_FILE_BYTES / 1024 / 1024)));
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof ReportInputError) throw error;
    throw new CliError(R.unreadable(file));
  }
  return readPublishedFile(path.basename(file), bytes, reportFileText);
}

export function registerReportCheck(report: Command, { out }: CliContext): void {
  report
    .command('check')
    .description(R.checkDescription)
    .argument('<file>', R.file)
    .option('--previous <file>', R.previous)
    .action(async (file: string, opts: { previous?: string }) => {
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return checkFolder(file, out);
      let result: ReturnType<typeof checkPublishedReport>;
      try {
        result = checkPublishedReport(await readOne(file), opts.previous === undefined ? null : await readOne(opts.previous));
      } catch (error) {
        if (error instanceof ReportInputError) throw new CliError(R.badTables(error.message));
        throw error;
      }
      for (const line of result.lines) out(escapeControls(line));
      if (!result.ok) throw new CliError(result.lines.at(-1) ?? '', EXIT_FAILED);
    });
}

/** Every report file of a folder (by name), a summary per file; exit 2 when one cannot be read, 1 when one fails. */
async function checkFolder(dir: string, out: (line: string) => void): Promise<void> {
  const names = fs
    .readdirSync(dir)
    .filter((n) => PUBLISHED_EXTENSIONS.some((e) => n.toLowerCase().endsWith(e)))
    .sort();
  if (names.length === 0) throw new CliError(P.emptyDir(dir));
  let failed = 0;
  let unreadable = 0;
  for (const name of names) {
    try {
      const result = checkPublishedReport(await readOne(path.join(dir, name)));
      const bad = result.checks.filter((c) => !c.ok);
      if (bad.length > 0) failed++;
      out(escapeControls(P.batchFile(name, bad.length === 0 ? P.passedFile : P.failedFile(bad.map((c) => ruleShortName(c.rule)).join('、')))));
      for (const c of bad) for (const p of c.problems) out(escapeControls(`  ${p}`));
      for (const n of result.report.notes) out(escapeControls(`  ${n}`));
    } catch (error) {
      if (!(error instanceof ReportInputError || error instanceof CliError)) throw error;
      unreadable++;
      out(escapeControls(P.batchFile(name, P.unreadableFile(error.message))));
    }
  }
  const summary = P.batchSummary(names.length, failed, unreadable);
  out(summary);
  if (unreadable > 0) throw new CliError(summary);
  if (failed > 0) throw new CliError(summary, EXIT_FAILED);
}
