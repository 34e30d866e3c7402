/** A run's results as every page shows them: the indicators with their points, 未检测, and the findings read only. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { t } from '../shared/i18n/zh-CN.ts';
import { Empty } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { CheckRun } from './compliance.service.ts';
import { type Finding, pointsOf } from './indicator.ts';
import type { RunLabel } from './year-result.ts';

export const slug = (code: string) => code.replace(/[^a-z0-9]/gi, '-');

/** The count a results row shows: problems, plus the listed-only ones in brackets. */
function problemCount(findings: readonly Finding[]): string {
  const info = findings.filter((f) => f.info).length;
  const problems = findings.length - info;
  return info === 0 ? String(problems) : t.compliance.countWithInfo(problems, info);
}

const LABEL_BADGE: Record<Exclude<RunLabel, null>, string> = { submitted: 'ok', counted: 'info', superseded: 'muted', after_deadline: 'warn' };
const LABEL_TEXT = (l: Exclude<RunLabel, null>) =>
  ({ submitted: t.compliance.submitted, counted: t.compliance.counted, superseded: t.compliance.superseded, after_deadline: t.compliance.afterDeadline })[l];

/** How the history marks a run: the year's result (submitted or counted), superseded, or a re-run after the deadline. */
export function RunBadge({ label }: { label: RunLabel | undefined }): SafeHtml | null {
  return label ? <span class={`badge ${LABEL_BADGE[label]}`}>{LABEL_TEXT(label)}</span> : null;
}

/** The indicators of a run: weight, its points out of 100, result (or 未检测 and why), number of problems. */
export function ResultsTable({ run }: { run: CheckRun }): SafeHtml {
  const C = t.compliance;
  return (
    <>
      <DataTable
        caption={C.lastRun}
        rows={run.results}
        columns={[
          {
            header: C.indicator,
            cell: (r) => (
              <>
                {r.title}
                <br />
                <span class="muted">
                  {r.rule}
                  {r.manual ? ` · ${C.manual}` : ''}
                </span>
              </>
            ),
          },
          { header: C.weight, class: 'num', cell: (r) => r.weight },
          { header: C.points, class: 'num', cell: (r) => pointsOf(r, run.results) ?? '—' },
          {
            header: C.result,
            cell: (r) =>
              r.unchecked !== undefined ? (
                <>
                  <span class="badge muted nowrap">{C.unchecked.badge}</span>
                  <br />
                  <span class="muted">{r.unchecked}</span>
                </>
              ) : r.passed ? (
                <span class="badge ok nowrap">{C.passed}</span>
              ) : (
                <span class="badge danger nowrap">{C.failed}</span>
              ),
          },
          {
            header: C.findingCount,
            headClass: 'num nowrap',
            cellClass: 'num',
            cell: (r) => (r.findings.length === 0 ? '—' : <a href={`#ind-${slug(r.code)}`}>{problemCount(r.findings)}</a>),
          },
        ]}
      />
      <p class="muted">{C.pointsHint}</p>
    </>
  );
}

/** A run's findings, read only (for the city office: the records behind them belong to the agency). */
export function ReadonlyFindings({ run }: { run: CheckRun }): SafeHtml {
  const failing = run.results.filter((r) => r.findings.length > 0);
  if (failing.length === 0) return <Empty>{t.compliance.noFindings}</Empty>;
  return (
    <>
      {failing.map((r) => (
        <div class="finding-group" id={`ind-${slug(r.code)}`}>
          <h3>{r.title}</h3>
          <ul class="findings">
            {r.findings.map((f) => (
              <li class={f.info ? 'muted' : undefined}>
                <p>
                  {f.info ? (
                    <>
                      <span class="badge info">{t.compliance.infoOnly}</span>{' '}
                    </>
                  ) : null}
                  {f.message}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}
