/** `gongkai import` and `gongkai export`: interchange records as JSON Lines. */
import type { Command } from 'commander';
import { listAgencies } from '../agencies/agencies.service.ts';
import { formatProblems, ImportFailed, importRecords, parseImportText } from '../interchange/importer.ts';
import { systemActor } from '../shared/actor.ts';
import { systemClock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { progressLine } from './progress.ts';
import { type CliContext, CliError, readFileForCli, warn, withRuntime } from './support.ts';

export function registerInterchangeCommands(program: Command, { out, config, registries }: CliContext): void {
  const { importHandlers, exportHandlers } = registries;
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
          const line = progressLine();
          const counts = await importRecords({ db, clock: systemClock }, systemActor('命令行导入'), importHandlers, parsed, {
            replace: opts.replace,
            onProgress: (kind, done, total) => line.show(t.documents.import.progress(kind, done, total)),
          }).finally(() => line.end());
          out(
            `导入完成：${Object.entries(counts)
              .map(([k, n]) => `${k} ${n} 条`)
              .join('，')}。`,
          );
        } catch (error) {
          if (!(error instanceof ImportFailed)) throw error;
          for (const line of formatProblems(error.problems)) warn(line);
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
}
