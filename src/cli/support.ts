/**
 * What every command group shares: the exit codes (2 = bad input, 1 = it failed), the context a command runs in,
 * opening the database for one command, reading an input file, and printing to a terminal safely.
 */
import type { Registries } from '../composition.ts';
import { type Config, loadConfig } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { openRuntime } from '../runtime.ts';
import { escapeControls, InputTextError, readInputFile } from '../shared/input-text.ts';

/** Exit codes: 2 = bad input (and commander's usage errors), 1 = the command ran and failed. */
export const EXIT_BAD_INPUT = 2;
export const EXIT_FAILED = 1;

/** A failure the command reports in one line and turns into its exit code (2 = bad input, 1 = it failed). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_BAD_INPUT,
  ) {
    super(message);
  }
}

/** What a command group needs: where output goes, the environment, and the configuration read from it on use. */
export interface CliContext {
  /** Receives what commands print (tests capture it). */
  out: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** The validated configuration, read when a command runs (so `--help` works with a bad environment). */
  config: () => Config;
  /** The composition root's registries and ports (import/export handlers, indicators, report sources …). */
  registries: Registries;
}

/** The context for `out` and `env`, with the registries the commands use. */
export function cliContext(out: (line: string) => void, env: NodeJS.ProcessEnv, registries: Registries): CliContext {
  return { out, env, config: () => loadConfig(env), registries };
}

/** Opens and migrates the configured database for `fn`, and closes it afterwards. */
export async function withRuntime<T>(config: Config, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openRuntime(config);
  try {
    return await fn(handle);
  } finally {
    await handle.destroy();
  }
}

/**
 * Reads an input file (`-` = standard input) strictly (shared/input-text.ts): refused content is bad input (exit 2)
 * naming the line; a file that cannot be opened says `unreadable`.
 */
export function readFileForCli(file: string, unreadable: string): string {
  try {
    return readInputFile(file);
  } catch (error) {
    if (error instanceof InputTextError) throw new CliError(`${file}：${error.message}`);
    throw new CliError(unreadable);
  }
}

/** Writes one line to standard error as it is (the caller escapes what came from input). */
export function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Writes an error to standard error; messages may quote the input, so control characters are escaped, never sent raw. */
export function sayError(message: string): void {
  process.stderr.write(`错误：${message.split('\n').map(escapeControls).join('\n')}\n`);
}
