import type { FastifyInstance } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { consoleAgency, csrfToken } from '../admin/console.ts';
import { ConsoleFrame, type ConsolePageBase, SpecField, workingYear } from '../records/console-ui.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, Empty, FormErrors } from '../web/components.tsx';
import { emptyForm, type FormState, formValues, runForm, sendPage } from '../web/http.ts';
import { TRIAL_FIGURE_FIELDS, type YearlyFigures } from './figures.schema.ts';
import { canEditFigures, figuresForm, getFigures, listFigures, saveFigures } from './figures.service.ts';

const F = t.reports.figures;

function FiguresListPage(p: ConsolePageBase & { list: YearlyFigures[]; nextYear: number; canEdit: boolean }): SafeHtml {
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
      {p.list.length === 0 ? (
        <Empty>{F.none}</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{F.title}</caption>
            <thead>
              <tr>
                <th scope="col">{F.year}</th>
                {(['websiteUpdates', 'websiteVisits', 'newMediaPosts', 'newMediaReads', 'feesWan'] as const).map((f) => (
                  <th scope="col" class="num">
                    {F.fields[f]}
                  </th>
                ))}
                <th scope="col">{t.common.actions}</th>
              </tr>
            </thead>
            <tbody>
              {p.list.map((g) => (
                <tr>
                  <th scope="row">{g.year}</th>
                  <td class="num">{g.websiteUpdates}</td>
                  <td class="num">{g.websiteVisits}</td>
                  <td class="num">{g.newMediaPosts}</td>
                  <td class="num">{g.newMediaReads}</td>
                  <td class="num">{g.feesWan}</td>
                  <td>
                    <a href={`${base}/${g.year}`}>
                      {p.canEdit ? F.edit : t.reports.records.show}
                      <span class="visually-hidden">
                        {g.year}
                        {F.year}
                      </span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ConsoleFrame>
  );
}

function FiguresFormPage(p: ConsolePageBase & { year: number; form: FormState; saved: boolean; canEdit: boolean }): SafeHtml {
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

type YearParams = { Params: { agency: string; year: string }; Querystring: { saved?: string } };

/** The console pages of the yearly figures: the years entered, and one year's form. */
export async function registerFiguresRoutes(admin: FastifyInstance): Promise<void> {
  const deps = admin.deps;
  admin.get<{ Params: { agency: string } }>('/:agency/figures', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const list = await listFigures(deps.db, agency.id);
    const years = new Set(list.map((g) => g.year));
    let nextYear = workingYear(deps.clock.today());
    while (years.has(nextYear)) nextYear--;
    const page = (
      <FiguresListPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/figures`}
        list={list}
        nextYear={nextYear}
        canEdit={canEditFigures(actor, agency.id)}
      />
    );
    return sendPage(reply, page);
  });
  admin.get<YearParams>('/:agency/figures/:year', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const year = Number(request.params.year);
    if (!Number.isInteger(year) || year < 2008 || year > 2299) return reply.callNotFound();
    const page = (
      <FiguresFormPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/figures`}
        year={year}
        form={emptyForm(figuresForm(await getFigures(deps.db, agency.id, year)))}
        saved={request.query.saved === '1'}
        canEdit={canEditFigures(actor, agency.id)}
      />
    );
    return sendPage(reply, page);
  });
  admin.post<YearParams>('/:agency/figures/:year', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = { ...formValues(request), year: request.params.year };
    const outcome = await runForm(values, () => saveFigures(deps, actor, agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/figures/${outcome.result.year}?saved=1`, 303);
    const page = (
      <FiguresFormPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/figures`}
        year={Number(request.params.year)}
        form={outcome.state}
        saved={false}
        canEdit
      />
    );
    return sendPage(reply, page, 400);
  });
}
