/** `gongkai serve`, `demo` and `migrate`: the server, the sample agency's data, the schema. */
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { buildDemo, DEMO_PASSWORD } from '../demo/demo.ts';
import { startServer } from '../server.ts';
import { type CliContext, withRuntime } from './support.ts';

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

export function registerServerCommands(program: Command, { out, env, config, registries }: CliContext): void {
  program
    .command('serve')
    .description('启动服务器（npm start 即运行此命令）。地址与端口由 HOST、PORT 设置')
    .action(async () => {
      const server = await startServer(config(), out, registries);
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
      const summary = await buildDemo(demoConfig, out, registries);
      out(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
      for (const u of summary.users) out(`  ${u.username.padEnd(10)} ${u.label}`);
      if (!opts.serve) return;
      const server = await startServer(demoConfig, out, registries);
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
}
