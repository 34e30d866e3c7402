/** `gongkai search reindex`: rebuild the full-text index of published documents, in batches, resumable. */
import type { Command } from 'commander';
import { reindexSearch } from '../documents/reindex.ts';
import { systemClock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { progressLine } from './progress.ts';
import { type CliContext, CliError, warn, withRuntime } from './support.ts';

const R = t.documents.reindex;

export function registerSearchCommands(program: Command, { out, config }: CliContext): void {
  program
    .command('search')
    .description('全文检索')
    .command('reindex')
    .description('重建已发布文件的检索索引（分批写入，可中断后接着运行；进度写在标准错误）')
    .option('--agency <code>', '只重建该机关的文件')
    .option('--batch <n>', '每批文件数', '1000')
    .action(async (opts: { agency?: string; batch: string }) => {
      const batch = Number(opts.batch);
      if (!Number.isInteger(batch) || batch < 1 || batch > 100_000) throw new CliError('--batch 应为 1 到 100000 之间的整数');
      await withRuntime(config(), async ({ db }) => {
        if (opts.agency && !(await db.selectFrom('agencies').select('id').where('code', '=', opts.agency).executeTakeFirst())) {
          throw new CliError(R.agencyUnknown(opts.agency));
        }
        const line = progressLine();
        let told = false;
        const result = await reindexSearch(
          { db, clock: systemClock },
          {
            agencyCode: opts.agency,
            batch,
            onProgress: (p) => {
              if (p.resumed && !told) warn(R.resumed(p.done, p.total));
              told = true;
              line.show(R.progress(p.done, p.total));
            },
          },
        );
        line.end();
        out(R.finished(result.done));
      });
    });
}
