/** `gongkai agency create|list` and `gongkai user create`. */
import { type Command, Option } from 'commander';
import { createAgency, listAgencies } from '../agencies/agencies.service.ts';
import { systemActor } from '../shared/actor.ts';
import { systemClock } from '../shared/clock.ts';
import { randomToken } from '../shared/ids.ts';
import { escapeControls } from '../shared/input-text.ts';
import { ROLES } from '../users/users.schema.ts';
import { createUser } from '../users/users.service.ts';
import { type CliContext, CliError, withRuntime } from './support.ts';

export function registerAccountCommands(program: Command, { out, env, config }: CliContext): void {
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
}
