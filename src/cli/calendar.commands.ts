/** `gongkai workdays add|between` and `gongkai calendar import|list`: working days and the holiday arrangements. */
import type { Command } from 'commander';
import { importArrangements, listCalendarYears, loadWorkCalendar, parseArrangementFile } from '../calendar/calendar.service.ts';
import { CalendarInputError } from '../calendar/calendar-error.ts';
import { MAX_WORKDAYS } from '../calendar/day-table.ts';
import { computePeriod } from '../calendar/periods.ts';
import { systemActor } from '../shared/actor.ts';
import { systemClock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { escapeControls } from '../shared/input-text.ts';
import { type CliContext, CliError, readFileForCli, warn, withRuntime } from './support.ts';

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
  warn(t.calendar.provisional(missingYears.join('、')));
}

export function registerCalendarCommands(program: Command, { out, config, registries }: CliContext): void {
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
        const change = await importArrangements({ db, clock: systemClock, recomputers: registries.dueDateRecomputers }, systemActor('命令行'), arrangements);
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
}
