/** The console page that checks one report file as published: the form, and what was read and found. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, Crumbs, CsrfField, FileField, FormErrors, Section } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import { type Finding, ruleShortName } from './published/published-checks.ts';
import type { PublishedReport, ReadCell, TableCode } from './published/read-model.ts';

const F = t.reports.fileCheck;
const P = t.reports.published;

export type FileCheckResult = { fileName: string; report: PublishedReport; findings: Finding[]; readAs: string };

/** One table as read: its rows and columns in the order the report prints them, labels as printed. */
type ReadTable = { table: TableCode; cols: string[]; rows: { label: string; cells: Map<string, ReadCell> }[] };

export function readTables(report: PublishedReport): ReadTable[] {
  const tables: ReadTable[] = [];
  for (const table of ['proactive', 'applications', 'appeals'] as const) {
    const cells = report.cells.filter((c) => c.table === table);
    if (cells.length === 0) continue;
    const cols = [...new Set(cells.map((c) => c.colLabel))];
    const rows = new Map<string, Map<string, ReadCell>>();
    for (const c of cells) {
      const key = `${c.row}\u0000${c.rowLabel}`;
      const row = rows.get(key) ?? new Map<string, ReadCell>();
      row.set(c.colLabel, c);
      rows.set(key, row);
    }
    tables.push({ table, cols, rows: [...rows].map(([key, cellsOf]) => ({ label: key.split('\u0000')[1] ?? '', cells: cellsOf })) });
  }
  return tables;
}

const shown = (c: ReadCell | undefined): string =>
  c === undefined ? '' : c.state === 'number' ? String(c.value) : c.state === 'na' ? P.naMark : c.state === 'blank' ? P.blankMark : P.unreadableMark;

function ReadTableView({ t: table, index }: { t: ReadTable; index: number }): SafeHtml {
  const name = P.tableNames[table.table];
  return (
    <Section title={name} id={`read-${index}`}>
      <DataTable
        caption={`${F.read}：${name}`}
        class="report-table read-table"
        rows={table.rows}
        columns={[
          { header: F.rowHeader, rowHeader: true, cell: (r) => r.label },
          ...table.cols.map((col) => ({ header: col, class: 'num', cell: (r: ReadTable['rows'][number]) => shown(r.cells.get(col)) })),
        ]}
      />
    </Section>
  );
}

function Result({ result, base }: { result: FileCheckResult; base: string }): SafeHtml {
  const { report, findings } = result;
  return (
    <>
      <h2 id="result">{F.resultTitle(result.fileName)}</h2>
      <p>{result.readAs}</p>
      {findings.length === 0 ? <Alert kind="ok">{F.passed}</Alert> : <Alert kind="warn">{F.failed(findings.length)}</Alert>}
      {findings.length > 0 ? (
        <Section title={F.findings} id="findings">
          <DataTable
            caption={F.findings}
            class="city-table"
            rows={findings}
            columns={[
              { header: F.columns.rule, cellClass: 'nowrap', cell: (f) => ruleShortName(f.rule) },
              { header: F.columns.table, cellClass: 'nowrap', cell: (f) => f.table },
              { header: F.columns.message, cell: (f) => f.message },
            ]}
          />
        </Section>
      ) : null}
      {report.notes.length > 0 ? (
        <Section title={F.notes} id="notes">
          <ul>
            {report.notes.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </Section>
      ) : null}
      <h2>{F.read}</h2>
      <p class="hint">{F.readLead}</p>
      {readTables(report).map((tb, i) => (
        <ReadTableView t={tb} index={i} />
      ))}
      <p>
        <a href={base}>{F.again}</a>
      </p>
    </>
  );
}

export function FileCheckPage(p: ConsoleBase & { result?: FileCheckResult | undefined; error?: string | undefined }): SafeHtml {
  const base = `/admin/${p.agency.code}/reports/check-file`;
  return (
    <ConsoleFrame {...p} title={F.title}>
      <Crumbs items={[{ label: t.reports.console.title, href: `/admin/${p.agency.code}/reports` }, { label: F.nav }]} />
      <h1>{F.title}</h1>
      <p class="lead">{F.lead}</p>
      {p.result ? (
        <Result result={p.result} base={base} />
      ) : (
        <form method="post" action={base} enctype="multipart/form-data" class="stack" novalidate>
          <FormErrors message={p.error} fields={p.error ? { file: p.error } : {}} />
          <CsrfField token={p.csrf} />
          <FileField name="file" label={F.file} hint={F.fileHint} accept=".html,.htm,.docx,.csv,.json" error={p.error} />
          <FileField name="previous" label={F.previous} hint={F.previousHint} accept=".html,.htm,.docx,.csv,.json" />
          <p>
            <button type="submit" class="btn">
              {F.submit}
            </button>
          </p>
        </form>
      )}
    </ConsoleFrame>
  );
}
