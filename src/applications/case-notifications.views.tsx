/** The case page's list of the notices sent about the case (to the applicant, and to the handler): what, how, when. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { NotificationSummary } from '../notifications/outbox.ts';
import { chinaTime } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Section } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';

const N = t.notifications;

const STATUS_BADGE: Record<string, string> = { sent: 'badge ok', failed: 'badge warn', queued: 'badge info', sending: 'badge info' };

/** When the row last changed state, in China time: sent, given up, or queued. */
const timeOf = (n: NotificationSummary) => chinaTime(n.sentAt ?? (n.status === 'queued' && n.attempts === 0 ? n.createdAt : n.updatedAt));

export function CaseNotifications({ rows }: { rows: readonly NotificationSummary[] }): SafeHtml {
  return (
    <Section title={N.caseSection} id="notifications">
      <DataTable
        caption={N.caseCaption}
        rows={rows}
        empty={N.caseEmpty}
        columns={[
          { header: N.columns.kind, cell: (n) => N.kinds[n.kind] ?? n.kind },
          { header: N.columns.channel, cellClass: 'nowrap', cell: (n) => N.channels[n.channel] ?? n.channel },
          {
            header: N.columns.status,
            cell: (n) => [
              <span class={STATUS_BADGE[n.status] ?? 'badge'}>{N.statuses[n.status] ?? n.status}</span>,
              n.status === 'queued' && n.attempts > 0 ? ` ${N.retryAt}` : null,
            ],
          },
          { header: N.columns.time, cellClass: 'nowrap', cell: timeOf },
          { header: N.columns.attempts, class: 'num', cell: (n) => String(n.attempts) },
        ]}
      />
    </Section>
  );
}
