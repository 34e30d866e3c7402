/** `gongkai audit verify`: walk the audit log's hash chain. */
import type { Command } from 'commander';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { type CliContext, CliError, EXIT_FAILED, withRuntime } from './support.ts';

export function registerAuditCommands(program: Command, { out, config }: CliContext): void {
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
          throw new CliError(`审计链在第 ${report.brokenAt} 条记录处断开：${report.reason}（此前 ${report.count} 条校验通过）`, EXIT_FAILED);
        }
      });
    });
}
