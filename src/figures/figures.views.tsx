/** The console pages of the yearly figures: the years entered, and one year's form. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { SpecField } from '../console/console-ui.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, FormErrors } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { FormState } from '../web/http.ts';
import { TRIAL_FIGURE_FIELDS, type YearlyFigures } from './figures.schema.ts';

const F = t.reports.figures;

/** The years whose figures were entered, with a link to enter the next one. */
export function FiguresListPage(p: ConsoleBase & { list: YearlyFigures[]; nextYear: number; canEdit: boolean }): SafeHtml {
  const base = `/admin/${p.agency.code}/figures`;
  return (
    <ConsoleFrame {...p} title={F.title}>
      <h1>{F.title}</h1>
      <p class="muted">{F.lead}</p>
      {p.canEdit ? (
        <p>
          <a class="btn" href={`${base}/${p.nextYear}`}>
            {F.add}（{p.nextYear}）
          </a>
        </p>
      ) : null}
      <DataTable
        caption={F.title}
        rows={p.list}
        empty={F.none}
        columns={[
          { header: F.year, rowHeader: true, cell: (g) => g.year },
          ...(['websiteUpdates', 'websiteVisits', 'newMediaPosts', 'newMediaReads', 'feesWan'] as const).map((f) => ({
            header: F.fields[f],
            class: 'num',
            cell: (g: YearlyFigures) => g[f],
          })),
          {
            header: t.common.actions,
            cell: (g) => (
              <a href={`${base}/${g.year}`}>
                {p.canEdit ? F.edit : t.reports.records.show}
                <span class="visually-hidden">
                  {g.year}
                  {F.year}
                </span>
              </a>
            ),
          },
        ]}
      />
    </ConsoleFrame>
  );
}

/** One year's figures: the form (read only for those who may not edit). */
export function FiguresFormPage(p: ConsoleBase & { year: number; form: FormState; saved: boolean; canEdit: boolean }): SafeHtml {
  const field = (name: string, decimals = false) => (
    <SpecField
      spec={{ name, label: F.fields[name as keyof typeof F.fields], kind: 'text', inputmode: decimals ? 'decimal' : 'numeric' }}
      values={p.form.values}
      errors={p.form.fields}
    />
  );
  return (
    <ConsoleFrame {...p} title={`${p.year}${F.year}${F.title}`}>
      <h1>
        {p.year}
        {F.year}
        {F.title}
      </h1>
      <p>
        <a href={`/admin/${p.agency.code}/figures`}>
          {t.common.back}
          {F.title}
        </a>
      </p>
      {p.saved ? <Alert kind="ok">{F.saved(p.year)}</Alert> : null}
      <FormErrors message={p.form.message} fields={p.form.fields} />
      <form method="post" class="stack">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="year" value={String(p.year)} />
        <fieldset>
          <legend>{t.reports.figures.groups.table2}</legend>
          {field('licensingDecisions')}
          {field('penaltyDecisions')}
          {field('coercionDecisions')}
          {field('feesWan', true)}
        </fieldset>
        <fieldset>
          <legend>{t.reports.figures.groups.platforms}</legend>
          {field('websiteUpdates')}
          {field('websiteVisits')}
          <SpecField
            spec={{ name: 'newMediaAccounts', label: F.fields.newMediaAccounts, kind: 'text', hint: F.accountsHint }}
            values={p.form.values}
            errors={p.form.fields}
          />
          {field('newMediaPosts')}
          {field('newMediaReads')}
        </fieldset>
        <fieldset>
          <legend>{t.reports.figures.groups.fees}</legend>
          {field('processingFeeNotices')}
          {field('processingFeeCollected', true)}
        </fieldset>
        <fieldset>
          <legend>{F.trialSection}</legend>
          <p class="muted">{F.trialHint}</p>
          {TRIAL_FIGURE_FIELDS.map((f) => field(f, f === 'procurementAmountWan'))}
        </fieldset>
        {p.canEdit ? (
          <div class="btn-row">
            <button class="btn" type="submit">
              {t.common.save}
            </button>
          </div>
        ) : null}
      </form>
    </ConsoleFrame>
  );
}
