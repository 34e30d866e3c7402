/**
 * The `gongkai` command (commander): one file per command group registers its commands, in the order `--help`
 * lists them; `main` turns every outcome into the exit code (0, 2 = bad input, 1 = failure) and never throws.
 */
import { Command, CommanderError } from 'commander';
import { buildRegistries } from '../composition.ts';
import { DomainError } from '../shared/errors.ts';
import { registerAccountCommands } from './accounts.commands.ts';
import { registerAuditCommands } from './audit.commands.ts';
import { registerCalendarCommands } from './calendar.commands.ts';
import { registerCheckCommand } from './check.commands.ts';
import { registerInterchangeCommands } from './interchange.commands.ts';
import { registerNotifyCommand } from './notify.commands.ts';
import { registerRemindCommand } from './remind.commands.ts';
import { registerReportCommands } from './report.commands.ts';
import { registerSearchCommands } from './search.commands.ts';
import { registerServerCommands } from './server.commands.ts';
import { CliError, cliContext, EXIT_BAD_INPUT, EXIT_FAILED, sayError } from './support.ts';

/** Builds the command tree; `out` receives what commands print (tests capture it). */
export function buildCli(out: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Command {
  const program = new Command('gongkai')
    .description('政府信息公开平台 Gongkai：主动公开、依申请公开、年度报告')
    .showHelpAfterError('（使用 --help 查看用法）')
    .configureOutput({ writeOut: (s) => out(s.trimEnd()), writeErr: (s) => process.stderr.write(s) })
    .exitOverride();
  const context = cliContext(out, env, buildRegistries());
  // serve, demo, migrate, agency, user, workdays, calendar, import, export, report, remind, notify, check, audit.
  registerServerCommands(program, context);
  registerAccountCommands(program, context);
  registerCalendarCommands(program, context);
  registerInterchangeCommands(program, context);
  registerReportCommands(program, context);
  registerRemindCommand(program, context);
  registerNotifyCommand(program, context);
  registerCheckCommand(program, context);
  registerAuditCommands(program, context);
  registerSearchCommands(program, context);
  return program;
}

function describeDomainError(error: DomainError): string {
  const fields = Object.entries(error.fields).map(([k, v]) => `  ${k}: ${v}`);
  return [error.message, ...fields].join('\n');
}

/** Runs the CLI and returns the process exit code; never throws. */
export async function main(argv: string[], out: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = buildCli(out, env);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    if (error instanceof CliError) {
      sayError(error.message);
      return error.exitCode;
    }
    if (error instanceof DomainError) {
      sayError(describeDomainError(error));
      return error.code === 'VALIDATION' || error.code === 'CONFLICT' || error.code === 'NOT_FOUND' ? EXIT_BAD_INPUT : EXIT_FAILED;
    }
    sayError(error instanceof Error ? error.message : String(error));
    return EXIT_FAILED;
  }
}
