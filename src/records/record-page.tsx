/**
 * The console page of a record module (建议提案办理, 培训与会议, 政务公开工作要点, 问题整改清单): a list for one year with
 * an add/edit form, drawn from the module's RecordView (its texts, columns and form fields, described as data).
 */
import type { Child, SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { type FieldSpec, SpecField, YearSwitch } from '../console/console-ui.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, Empty, FormErrors, Section } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { FormState } from '../web/http.ts';

const r = t.reports.records;
export type Row = { id: number };
export type Column<R> = { label: string; cell: (row: R, today: string) => Child; num?: boolean; wide?: boolean };

/** How a module's records show: the list's path and texts, its columns and the form's fields. */
export type RecordView<R extends Row> = {
  path: string;
  title: string;
  lead: string;
  columns: Column<R>[];
  fields: FieldSpec[];
  /** The form's values for a row being edited, and for a new record of a year. */
  toForm(row: R): Record<string, string>;
  blank(year: number): Record<string, string>;
  /** The year a submitted form belongs to (to return to its list). */
  yearOfValues(values: Record<string, string>, fallback: number): number;
  summary?(rows: R[]): Child;
  /** Extra per-row actions (销号). */
  rowActions?(row: R, p: { csrf: string; base: string; year: number; today: string }): Child;
};

/** 是 / 否 for a 0/1 column. */
export const yes = (b: number) => (b === 1 ? t.common.yes : t.common.no);
/** A select's options from its keys and their labels. */
export const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
/** The year a submitted date or year field names, else the fallback. */
export const yearFrom = (v: string | undefined, fallback: number) => (v && /^\d{4}/.test(v) ? Number(v.slice(0, 4)) : fallback);

type PageProps<R extends Row> = ConsoleBase & {
  module: RecordView<R>;
  year: number;
  rows: R[];
  form: FormState;
  editing: R | null;
  canEdit: boolean;
  notice?: string | undefined;
  extra: Child;
  today: string;
  /** The years the switch offers (console/years.ts: from the earliest with data to the current one). */
  years: number[];
};

/** A record list of one year, with the add (or edit) form for those who keep the records. */
export function RecordsPage<R extends Row>(p: PageProps<R>): SafeHtml {
  const m = p.module;
  const base = `/admin/${p.agency.code}/${m.path}`;
  const formAction = p.editing ? `${base}/${p.editing.id}` : base;
  return (
    <ConsoleFrame {...p} title={m.title}>
      <h1>{m.title}</h1>
      <p class="muted">{m.lead}</p>
      <YearSwitch base={base} year={p.year} years={p.years} />
      {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
      {p.extra}
      <Section title={`${p.year}${r.year}${m.title}`} id="list">
        {m.summary ? m.summary(p.rows) : null}
        {p.rows.length === 0 ? (
          <Empty>{r.empty}</Empty>
        ) : (
          <DataTable
            caption={`${p.year}${r.year}${m.title}`}
            rows={p.rows}
            columns={[
              ...m.columns.map((c) => ({
                header: c.label,
                headClass: c.num ? 'num' : undefined,
                cellClass: c.num ? 'num' : c.wide ? 'wide' : undefined,
                cell: (row: R) => c.cell(row, p.today),
              })),
              p.canEdit && {
                header: t.common.actions,
                cellClass: 'actions',
                cell: (row: R) => (
                  <>
                    <a href={`${base}?year=${p.year}&edit=${row.id}#form`}>{r.edit}</a>
                    {m.rowActions ? m.rowActions(row, { csrf: p.csrf, base, year: p.year, today: p.today }) : null}
                    <form method="post" action={`${base}/${row.id}/delete?year=${p.year}`} class="row-form">
                      <CsrfField token={p.csrf} />
                      <button class="linkish danger-link" type="submit">
                        {r.remove}
                      </button>
                    </form>
                  </>
                ),
              },
            ]}
          />
        )}
      </Section>
      {p.canEdit ? (
        <Section title={p.editing ? r.edit : r.add} id="form">
          <FormErrors message={p.form.message} fields={p.form.fields} />
          <form method="post" action={formAction} class="stack">
            <CsrfField token={p.csrf} />
            {m.fields.map((f) => (
              <SpecField spec={f} values={p.form.values} errors={p.form.fields} />
            ))}
            <div class="btn-row">
              <button class="btn" type="submit">
                {t.common.save}
              </button>
              {p.editing ? (
                <a class="btn secondary" href={`${base}?year=${p.year}`}>
                  {t.common.cancel}
                </a>
              ) : null}
            </div>
          </form>
        </Section>
      ) : (
        <p class="muted">{r.canEditHint}</p>
      )}
    </ConsoleFrame>
  );
}
