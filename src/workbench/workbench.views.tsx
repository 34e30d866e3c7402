import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import type { TodoItem } from '../console/todo.ts';
import type { Role } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Empty, Section } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import { deadlineWords, isDueSoon, isOverdue, WORKBENCH_VIEWS, type WorkbenchCounts, type WorkbenchView } from './workbench.ts';

const W = t.workbench;

export type WorkbenchPageProps = ConsoleBase & {
  view: WorkbenchView;
  roles: readonly Role[];
  items: readonly TodoItem[];
  counts: WorkbenchCounts;
  /** How many items each view holds, for the switch. */
  totals: Record<WorkbenchView, number>;
  labels: ReadonlyMap<string, string>;
  names: ReadonlyMap<number, string>;
  today: string;
};

/** The deadline cell: words first (never colour alone), the date, 暂定 when the date may move. */
function DeadlineCell({ item, today }: { item: TodoItem; today: string }): SafeHtml {
  const d = item.deadline;
  if (!d) return <span class="muted">{W.noDeadline}</span>;
  const kind = isOverdue(d) ? 'danger' : isDueSoon(d) ? 'warn' : 'info';
  return (
    <>
      <span class={`badge ${kind}`}>{deadlineWords(d, today)}</span> <span class="nowrap muted">{W.dueOn(d.dueOn)}</span>
      {d.provisional ? (
        <>
          {' '}
          <abbr class="badge muted" title={W.provisionalHint}>
            {W.provisional}
          </abbr>
        </>
      ) : null}
      {d.basis ? <span class="todo-basis muted">{d.basis}</span> : null}
    </>
  );
}

/** The 机关工作台: the counts, the 我的 / 本机关 switch (plain links), and one list sorted by urgency. */
export function WorkbenchPage(p: WorkbenchPageProps): SafeHtml {
  const base = `/admin/${p.agency.code}`;
  const roleNames = p.actor.isSuperadmin ? [t.roles.superadmin] : p.roles.map((r) => t.roles[r]);
  const leader = p.roles.includes('leader');
  const empty = leader && p.view === 'mine' ? W.leaderEmpty : W.empty[p.view];
  return (
    <ConsoleFrame {...p} title={`${W.title} · ${p.agency.name}`}>
      <h1>
        {p.agency.name} {leader ? W.leaderTitle : W.title}
      </h1>
      <p class="muted">
        {W.roles}：{roleNames.join('、')}
      </p>
      <nav class="tabs" aria-label={W.viewsLabel}>
        {WORKBENCH_VIEWS.map((v) => (
          <a href={`${base}?view=${v}`} aria-current={v === p.view ? 'page' : undefined}>
            {W.views[v]}（{p.totals[v]}）
          </a>
        ))}
      </nav>
      <p class="muted">{W.viewHint[p.view]}</p>
      <Section title={W.counts} id="counts">
        <ul class="stat-tiles">
          <li>
            <a href="#todo-list">
              <span class="stat">{p.counts.total}</span>
              {W.total}
            </a>
          </li>
          <li>
            <a href="#todo-list" class={p.counts.overdue > 0 ? 'alert-tile' : undefined}>
              <span class="stat">{p.counts.overdue}</span>
              {W.overdue}
            </a>
          </li>
          <li>
            <a href="#todo-list" class={p.counts.dueSoon > 0 ? 'alert-tile' : undefined}>
              <span class="stat">{p.counts.dueSoon}</span>
              {W.dueSoon}
            </a>
          </li>
          {p.counts.groups.map((g) => (
            <li>
              <a href="#todo-list">
                <span class="stat">{g.count}</span>
                {g.label}
              </a>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={W.views[p.view]} id="todo-list">
        {p.items.length === 0 ? (
          <Empty>{empty}</Empty>
        ) : (
          <DataTable
            caption={W.listCaption}
            class="todo-list"
            rows={p.items}
            rowClass={(i) => (isOverdue(i.deadline) ? 'row-overdue' : isDueSoon(i.deadline) ? 'row-soon' : undefined)}
            columns={[
              { header: W.deadline, cell: (i) => <DeadlineCell item={i} today={p.today} /> },
              {
                header: W.record,
                rowHeader: true,
                cell: (i) => (
                  <>
                    <span class="todo-group muted">{p.labels.get(i.source) ?? i.source}</span> {i.record}
                  </>
                ),
              },
              {
                header: W.action,
                cell: (i) => <a href={i.href}>{i.action}</a>,
              },
              {
                header: W.assignee,
                cell: (i) => (
                  <span class="nowrap">
                    <span class="todo-label">{W.assignee}：</span>
                    {i.assigneeId === null ? W.unassigned : i.assigneeId === p.actor.id ? W.mineTag : (p.names.get(i.assigneeId) ?? '—')}
                  </span>
                ),
              },
            ]}
          />
        )}
      </Section>
      <Section title={W.links} id="links">
        <ul>
          <li>
            <a href={`${base}/audit`}>{W.auditLink}</a>
          </li>
          <li>
            <a href={`/gk/${p.agency.code}/`}>{W.portalLink}</a>
          </li>
        </ul>
      </Section>
    </ConsoleFrame>
  );
}
