import fs from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { createAgency, findAgencyByCode, listAgencies } from '../agencies/agencies.service.ts';
import { buildApp } from '../app.tsx';
import { runChannelProbe } from '../applications/probe.service.ts';
import { httpTransport, injectTransport } from '../applications/probe-browser.ts';
import { REMINDER_WORKDAYS, sendDueReminders } from '../applications/reminders.service.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { importArrangements, listCalendarYears, loadWorkCalendar, parseArrangementFile } from '../calendar/calendar.service.ts';
import { CalendarInputError } from '../calendar/calendar-error.ts';
import { MAX_WORKDAYS } from '../calendar/day-table.ts';
import { computePeriod } from '../calendar/periods.ts';
import { runSelfCheck } from '../compliance/compliance.service.ts';
import { dueDateRecomputers, exportHandlers, importHandlers, indicators, reportSources } from '../composition.ts';
import { type Config, loadConfig } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { buildDemo, DEMO_PASSWORD } from '../demo/demo.ts';
import { formatProblems, ImportFailed, importRecords, parseImportText } from '../interchange/importer.ts';
import { prepareReport } from '../reports/build-report.ts';
import { REPORT_FORMATS, type ReportFileFormat, renderReport } from '../reports/render/index.ts';
import { checkReportText, describeChecks } from '../reports/report-check.ts';
import { ReportInputError } from '../reports/report-input.ts';
import { openRuntime } from '../runtime.ts';
import { startServer } from '../server.ts';
import { type Actor, systemActor } from '../shared/actor.ts';
import { systemClock } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { randomToken } from '../shared/ids.ts';
import { escapeControls, InputTextError, readInputFile } from '../shared/input-text.ts';
import { createMailer } from '../shared/mailer.ts';
import { checkOutboundUrl, OutboundRefused, outboundPolicy } from '../shared/outbound.ts';
import { ROLES } from '../users/users.schema.ts';
import { createUser } from '../users/users.service.ts';

/** A failure the command reports in one line and turns into its exit code (2 = bad input, 1 = it failed). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Turns the calendar's input errors into exit-2 messages. */
function cliCalendar<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CalendarInputError) throw new CliError(error.message);
    throw error;
  }
}

/** Refuses an answer that depends on a year with no arrangement loaded, unless asked for a provisional one. */
function requireLoaded(missingYears: readonly number[], provisional: boolean): void {
  if (missingYears.length === 0) return;
  if (!provisional) throw new CliError(t.calendar.notLoaded(missingYears.join('、')));
  process.stderr.write(`${t.calendar.provisional(missingYears.join('、'))}\n`);
}

async function withRuntime<T>(config: Config, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
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
function readFileForCli(file: string, unreadable: string): string {
  try {
    return readInputFile(file);
  } catch (error) {
    if (error instanceof InputTextError) throw new CliError(`${file}：${error.message}`);
    throw new CliError(unreadable);
  }
}

function describeDomainError(error: DomainError): string {
  const fields = Object.entries(error.fields).map(([k, v]) => `  ${k}: ${v}`);
  return [error.message, ...fields].join('\n');
}

/** Resolves when the process is asked to stop, after closing `close`. */
function untilSignal(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Runs the channel probe for `gongkai check --probe`: against the server at `url`, or in this process through
 * Fastify's inject on an app built as `serve` builds it.
 */
async function probeChannel(cfg: Config, handle: DatabaseHandle, actor: Actor, agency: Agency, url: string | undefined) {
  const deps = { db: handle.db, clock: systemClock, config: cfg };
  if (url !== undefined) return runChannelProbe(deps, actor, agency, httpTransport(url, outboundPolicy(cfg)));
  const app = await buildApp({ ...deps, dialect: handle.dialect, config: { ...cfg, logLevel: 'silent' } });
  try {
    await app.ready();
    return await runChannelProbe(deps, actor, agency, injectTransport(app));
  } finally {
    await app.close();
  }
}

/** Builds the command tree; `out` receives what commands print (tests capture it). */
export function buildCli(out: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Command {
  const config = () => loadConfig(env);
  const program = new Command('gongkai')
    .description('政府信息公开平台 Gongkai：主动公开、依申请公开、年度报告')
    .showHelpAfterError('（使用 --help 查看用法）')
    .configureOutput({ writeOut: (s) => out(s.trimEnd()), writeErr: (s) => process.stderr.write(s) })
    .exitOverride();

  program
    .command('serve')
    .description('启动服务器（npm start 即运行此命令）。地址与端口由 HOST、PORT 设置')
    .action(async () => {
      const server = await startServer(config(), out);
      await untilSignal(server.close);
    });

  program
    .command('demo')
    .description('用种子文档中的示例机关（聊城市工业和信息化局，lcgxj）重建演示数据并启动服务器')
    .option('--no-serve', '只生成演示数据，不启动服务器')
    .action(async (opts: { serve: boolean }) => {
      // The demo never touches the configured production database: SQLite in ./demo-data unless GONGKAI_DATA_DIR says otherwise.
      const demoEnv = { ...env, GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR ?? './demo-data', DATABASE_URL: undefined };
      const demoConfig = loadConfig(demoEnv);
      if (env.DATABASE_URL) out('注意：演示数据总是写入 SQLite 演示数据目录，不使用 DATABASE_URL。');
      out(`正在重建演示数据：${demoConfig.dataDir}`);
      const summary = await buildDemo(demoConfig, out);
      out(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
      for (const u of summary.users) out(`  ${u.username.padEnd(10)} ${u.label}`);
      if (!opts.serve) return;
      const server = await startServer(demoConfig, out);
      out(`管理后台：${server.url}/admin/login`);
      await untilSignal(server.close);
    });

  program
    .command('migrate')
    .description('把数据库结构更新到最新版本（启动时也会自动执行）')
    .action(async () => {
      const cfg = config();
      await withRuntime(cfg, async (handle) => {
        out(`数据库已是最新结构（${handle.dialect === 'sqlite' ? handle.location : 'PostgreSQL'}）。`);
      });
    });

  const agency = program.command('agency').description('管理机关');
  agency
    .command('create')
    .description('创建机关')
    .argument('<code>', '机关代码（用于网址），如 lcgxj')
    .argument('<name>', '机关名称')
    .addOption(new Option('--kind <kind>', '机关类型').choices(['department', 'government']).default('department'))
    .option('--credit-code <code>', '统一社会信用代码')
    .option('--parent <code>', '上级机关代码')
    .action(async (code: string, name: string, opts: { kind: string; creditCode?: string; parent?: string }) => {
      await withRuntime(config(), async ({ db }) => {
        const created = await createAgency({ db, clock: systemClock }, systemActor('命令行'), {
          code,
          name,
          kind: opts.kind,
          creditCode: opts.creditCode,
          parentCode: opts.parent,
        });
        out(`已创建机关 ${created.code}：${created.name}`);
      });
    });
  agency
    .command('list')
    .description('列出平台上的机关')
    .action(async () => {
      await withRuntime(config(), async ({ db }) => {
        const all = await listAgencies(db);
        if (all.length === 0) out('平台上还没有机关。');
        for (const a of all) out(`${a.code}\t${escapeControls(a.name)}\t${a.kind}`);
      });
    });

  const user = program.command('user').description('管理用户');
  user
    .command('create')
    .description('创建用户；未给出 --password 时生成随机密码并打印一次')
    .argument('<username>', '用户名')
    .requiredOption('--name <name>', '姓名')
    .option('--agency <code>', '所属机关代码')
    .addOption(new Option('--role <role...>', '在该机关的角色').choices([...ROLES]))
    .option('--superadmin', '平台超级管理员', false)
    .option('--password <password>', '密码（也可用环境变量 GONGKAI_PASSWORD）')
    .action(async (username: string, opts: { name: string; agency?: string; role?: string[]; superadmin: boolean; password?: string }) => {
      if (!opts.superadmin && !opts.agency) throw new CliError('请用 --agency 指定所属机关，或用 --superadmin 创建平台超级管理员。');
      if (opts.agency && !opts.role?.length) throw new CliError('请用 --role 指定角色：admin、editor、reviewer 或 leader。');
      const generated = !opts.password && !env.GONGKAI_PASSWORD;
      const password = opts.password ?? env.GONGKAI_PASSWORD ?? `Gk${randomToken(9)}1`;
      await withRuntime(config(), async ({ db }) => {
        let roles: { agencyId: number; role: (typeof ROLES)[number] }[] = [];
        if (opts.agency) {
          const found = (await listAgencies(db)).find((a) => a.code === opts.agency);
          if (!found) throw new CliError(`机关 ${opts.agency} 不存在。`);
          roles = (opts.role ?? []).map((r) => ({ agencyId: found.id, role: r as (typeof ROLES)[number] }));
        }
        await createUser({ db, clock: systemClock }, systemActor('命令行'), {
          username,
          displayName: opts.name,
          password,
          isSuperadmin: opts.superadmin,
          roles,
        });
        out(`已创建用户 ${username}${generated ? `，初始密码：${password}（只显示这一次）` : ''}`);
      });
    });

  const workdays = program.command('workdays').description('按工作日计算期限（依据已载入的节假日安排）');
  workdays
    .command('add')
    .description('打印 DATE 之后第 N 个工作日（当日不计入）')
    .argument('<date>', '起算日期 YYYY-MM-DD')
    .argument('<n>', '工作日数（0–10000 的整数）')
    .option('--provisional', '涉及未载入安排的年份时，仍按周一至周五给出临时结果', false)
    .option('--explain', '逐日说明', false)
    .action(async (date: string, n: string, opts: { provisional: boolean; explain: boolean }) => {
      const days = Number(n);
      if (!/^\d+$/.test(n) || days > MAX_WORKDAYS) throw new CliError(`工作日数应为 0–${MAX_WORKDAYS} 的整数，收到“${n}”。`);
      await withRuntime(config(), async ({ db }) => {
        const calendar = await loadWorkCalendar(db);
        const result = cliCalendar(() => computePeriod(calendar, { start: date, days }, { explain: opts.explain }));
        requireLoaded(result.missingYears, opts.provisional);
        out(result.dueOn ?? '');
        if (opts.explain) for (const step of result.steps) out(`  ${step.date}  ${step.text}`);
      });
    });
  workdays
    .command('between')
    .description('打印 A 之后至 B（含）的工作日数')
    .argument('<a>', '开始日期 YYYY-MM-DD（不计入）')
    .argument('<b>', '结束日期 YYYY-MM-DD（计入）')
    .option('--provisional', '涉及未载入安排的年份时，仍按周一至周五给出临时结果', false)
    .action(async (a: string, b: string, opts: { provisional: boolean }) => {
      await withRuntime(config(), async ({ db }) => {
        const calendar = await loadWorkCalendar(db);
        const result = cliCalendar(() => calendar.workdaysBetween(a, b));
        requireLoaded(result.missingYears, opts.provisional);
        out(String(result.days));
      });
    });

  const calendar = program.command('calendar').description('节假日安排（工作日计算的依据）');
  calendar
    .command('import')
    .description('载入或替换一年或多年的安排：JSON 安排文件（格式见 docs/calendar.md）或 iCalendar（.ics）文件')
    .argument('<file>', '文件路径')
    .action(async (file: string) => {
      const text = readFileForCli(file, `无法读取文件：${file}`);
      const arrangements = cliCalendar(() => parseArrangementFile(text));
      await withRuntime(config(), async ({ db }) => {
        const change = await importArrangements({ db, clock: systemClock, recomputers: dueDateRecomputers }, systemActor('命令行'), arrangements);
        out(`已载入 ${change.years.join('、')} 年的节假日安排。`);
        if (change.moved.length === 0) out('没有办理中事项的到期日因此改变。');
        else {
          out(`以下 ${change.moved.length} 件办理中事项的到期日因此改变：`);
          for (const m of change.moved) out(`  ${m.agencyCode}\t${m.kind}\t${escapeControls(m.ref)}\t${m.oldDueOn ?? '—'} → ${m.newDueOn ?? '—'}`);
        }
      });
    });
  calendar
    .command('list')
    .description('列出已载入安排的年份')
    .action(async () => {
      await withRuntime(config(), async ({ db }) => {
        for (const y of await listCalendarYears(db)) out(`${y.year}\t放假 ${y.holidays} 天\t补班 ${y.workdays} 天\t${escapeControls(y.source)}`);
      });
    });

  program
    .command('import')
    .description('导入交换格式的记录（JSON Lines，每行含 "kind"）：全部有效才写入，否则逐行列出错误且不写入任何记录')
    .argument('<file>', '文件路径（- 表示标准输入）')
    .option('--kind <kind>', '整个文件的记录类型（文件中未写 "kind" 时）')
    .option('--replace', '替换同一机关下 ref 相同的已有记录', false)
    .action(async (file: string, opts: { kind?: string; replace: boolean }) => {
      const text = readFileForCli(file, `无法读取文件：${file}`);
      if (importHandlers.length === 0) throw new CliError('本平台尚未启用任何可导入的记录类型。');
      const parsed = parseImportText(text, opts.kind);
      await withRuntime(config(), async ({ db }) => {
        try {
          const counts = await importRecords({ db, clock: systemClock }, systemActor('命令行导入'), importHandlers, parsed, { replace: opts.replace });
          out(
            `导入完成：${Object.entries(counts)
              .map(([k, n]) => `${k} ${n} 条`)
              .join('，')}。`,
          );
        } catch (error) {
          if (!(error instanceof ImportFailed)) throw error;
          for (const line of formatProblems(error.problems)) process.stderr.write(`${line}\n`);
          throw new CliError(error.message);
        }
      });
    });

  program
    .command('export')
    .description('导出某机关的记录为 JSON Lines（标准输出），含计算字段')
    .argument('<kind>', `记录类型：${'applications|appeals|documents'}`)
    .argument('<agency>', '机关代码')
    .option('--year <year>', '只导出该年的记录')
    .action(async (kind: string, agency: string, opts: { year?: string }) => {
      const handler = exportHandlers.find((h) => h.kind === kind || `${h.kind}s` === kind);
      if (!handler) throw new CliError(`未知的导出类型“${kind}”，应为 ${exportHandlers.map((h) => `${h.kind}s`).join('、') || '（无）'} 之一。`);
      const year = opts.year === undefined ? undefined : Number(opts.year);
      if (year !== undefined && (!Number.isInteger(year) || year < 1990 || year > 2299)) throw new CliError(`年份无效：${opts.year}`);
      await withRuntime(config(), async ({ db }) => {
        if (!(await listAgencies(db)).some((a) => a.code === agency)) throw new CliError(`机关 ${agency} 不存在。`);
        for await (const record of handler.exportRecords(db, agency, { year, today: systemClock.today() })) out(JSON.stringify(record));
      });
    });

  const R = t.reports.cli;
  const report = program
    .command('report')
    .description(R.description)
    .argument('<agency>', R.agency)
    .argument('<year>', R.year)
    .addOption(new Option('--format <format>', R.format).choices([...REPORT_FORMATS]).default('json'))
    .option('--out <file>', R.out)
    .action(async (code: string, yearText: string, opts: { format: ReportFileFormat; out?: string }) => {
      const year = Number(yearText);
      if (!/^\d{4}$/.test(yearText) || year < 2008) throw new CliError(R.badYear(yearText));
      if (opts.format === 'docx' && !opts.out) throw new CliError(R.docxNeedsOut);
      await withRuntime(config(), async ({ db }) => {
        const agency = await findAgencyByCode(db, code);
        if (!agency) throw new CliError(R.noAgency(code));
        const workspace = await prepareReport({ db, clock: systemClock, sources: reportSources(db) }, agency, year);
        const rendered = await renderReport(workspace, opts.format);
        if (opts.out) {
          fs.writeFileSync(opts.out, rendered);
          out(R.written(opts.out));
        } else out(String(rendered).replace(/\n$/, ''));
        if (workspace.report.checks.some((c) => !c.ok)) process.stderr.write(`${describeChecks(workspace.report.checks).join('\n')}\n`);
      });
    });
  report
    .command('check')
    .description(R.checkDescription)
    .argument('<file>', R.file)
    .option('--previous <file>', R.previous)
    .action((file: string, opts: { previous?: string }) => {
      const read = (f: string) => readFileForCli(f, R.unreadable(f));
      let result: ReturnType<typeof checkReportText>;
      try {
        result = checkReportText(read(file), opts.previous === undefined ? undefined : read(opts.previous));
      } catch (error) {
        if (error instanceof ReportInputError) throw new CliError(R.badTables(error.message));
        throw error;
      }
      for (const line of result.lines) out(escapeControls(line));
      if (!result.ok) throw new CliError(result.lines.at(-1) ?? '', 1);
    });

  program
    .command('remind')
    .description(t.applications.reminders.cliDescription)
    .option('--days <n>', t.applications.reminders.cliDays, String(REMINDER_WORKDAYS))
    .action(async (opts: { days: string }) => {
      const days = Number(opts.days);
      if (!/^\d+$/.test(opts.days) || days > 20) throw new CliError(t.applications.reminders.badDays(opts.days));
      const cfg = config();
      const mailer = createMailer(cfg);
      if (!mailer) throw new CliError(t.applications.reminders.noSmtp);
      try {
        await withRuntime(cfg, async ({ db }) => {
          const r = await sendDueReminders({ db, clock: systemClock, mailer, publicUrl: cfg.publicUrl }, { withinWorkdays: days });
          out(t.applications.reminders.done(r.sent, r.skipped, r.failed));
          if (r.failed > 0) throw new CliError(t.applications.reminders.done(r.sent, r.skipped, r.failed), 1);
        });
      } finally {
        mailer.close();
      }
    });

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
          const probe = await probeChannel(cfg, handle, actor, agency, opts.probeUrl);
          const P = t.compliance.probe;
          const step = probe.failedStep ? `，${t.applications.probe.steps[probe.failedStep]}` : '';
          out(escapeControls(`${P.title}：${probe.ok ? P.ok : P.failed}${step} — ${probe.message}`));
        }
        const run = await runSelfCheck({ db, clock: systemClock, indicators, publicUrl: cfg.publicUrl }, actor, agency, year);
        out(escapeControls(CK.score(agency.name, year, run.score)));
        for (const r of run.results) {
          out(CK.result(r.passed, r.code, r.title, r.rule, r.weight));
          // Findings quote titles and names as stored (an import may have brought control characters).
          for (const f of r.findings) out(escapeControls(`    ${f.info ? `· ${t.compliance.infoOnly}：` : '- '}${f.message}`));
        }
        if (run.closedItems.length > 0) out(t.compliance.closedByRun(run.closedItems.length));
      });
    });

  program
    .command('audit')
    .description('操作日志')
    .command('verify')
    .description('逐条校验操作日志的哈希链；记录被改动或删除时报告第一处断点并以状态 1 退出')
    .action(async () => {
      await withRuntime(config(), async ({ db }) => {
        const report = await verifyAuditChain(db);
        if (report.ok) {
          out(`审计链完整：共 ${report.count} 条记录，逐条校验通过。`);
        } else {
          throw new CliError(`审计链在第 ${report.brokenAt} 条记录处断开：${report.reason}（此前 ${report.count} 条校验通过）`, 1);
        }
      });
    });

  return program;
}

/** Runs the CLI and returns the process exit code; never throws. */
const CK = t.compliance.cli;

export async function main(argv: string[], out: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = buildCli(out, env);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    // Messages may quote the input (a cell, a kind, JSON.parse's excerpt): control characters are escaped, never sent raw.
    const say = (message: string) => process.stderr.write(`错误：${message.split('\n').map(escapeControls).join('\n')}\n`);
    if (error instanceof CliError) {
      say(error.message);
      return error.exitCode;
    }
    if (error instanceof DomainError) {
      say(describeDomainError(error));
      return error.code === 'VALIDATION' || error.code === 'CONFLICT' || error.code === 'NOT_FOUND' ? 2 : 1;
    }
    say(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
