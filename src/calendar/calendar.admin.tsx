import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { csrfToken, requireSuperadmin, type UserActor } from '../console/console.ts';
import { DomainError, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, Field, FormErrors, Section } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import { emptyForm, type FormState, formValues, runForm, sendPage } from '../web/http.ts';
import { AdminLayout } from '../web/layout.tsx';
import { type ZodRoutes, zodRoutes } from '../web/params.ts';
import { parseArrangementForm } from './arrangement-form.ts';
import { formatArrangementLines } from './arrangement-lines.ts';
import { type CalendarChange, importArrangements, listCalendarYears, loadArrangements, unloadYear } from './calendar.service.ts';

type YearRow = Awaited<ReturnType<typeof listCalendarYears>>[number];

function ChangeReport({ change }: { change: CalendarChange }): SafeHtml {
  return (
    <Alert kind="ok">
      <strong>{t.calendar.imported(change.years.join('、'))}</strong>
      {change.moved.length === 0 ? (
        <p>{t.calendar.movedNone}</p>
      ) : (
        <>
          <p>{t.calendar.moved}</p>
          <ul>
            {change.moved.map((m) => (
              <li>
                {m.agencyCode} · {m.ref}：{m.oldDueOn ?? '—'} → {m.newDueOn ?? '—'}
              </li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}

function CalendarPage(p: { actor: UserActor; csrf: string; years: YearRow[]; form: FormState; change?: CalendarChange | undefined }): SafeHtml {
  return (
    <AdminLayout title={t.calendar.title} actor={p.actor} csrfToken={p.csrf} currentPath="/admin/platform/calendar">
      <h1>{t.calendar.title}</h1>
      {p.change ? <ChangeReport change={p.change} /> : null}
      <Section title={t.calendar.importTitle} id="import">
        <p class="muted">{t.calendar.importLead}</p>
        <FormErrors message={p.form.message} fields={p.form.fields} />
        <form method="post" action="/admin/platform/calendar" class="stack">
          <CsrfField token={p.csrf} />
          <div class="field">
            <label for="f-text">{t.calendar.importText}</label>
            <textarea
              id="f-text"
              name="text"
              rows="10"
              aria-invalid={p.form.fields.text ? 'true' : undefined}
              aria-describedby={p.form.fields.text ? 'f-text-error' : undefined}
            >
              {p.form.values.text ?? ''}
            </textarea>
            {p.form.fields.text ? (
              <span class="error" id="f-text-error">
                {p.form.fields.text}
              </span>
            ) : null}
          </div>
          <Field name="year" label={t.calendar.importYear} type="number" value={p.form.values.year} error={p.form.fields.year} inputmode="numeric" />
          <Field name="source" label={t.calendar.importSource} value={p.form.values.source} error={p.form.fields.source} />
          <div class="btn-row">
            <button class="btn" type="submit">
              {t.calendar.importSubmit}
            </button>
          </div>
        </form>
      </Section>
      <Section title={t.calendar.loadedYears} id="years">
        <DataTable
          caption={t.calendar.loadedYears}
          rows={p.years}
          columns={[
            {
              header: t.calendar.year,
              cell: (y) => (
                <a href={`/admin/platform/calendar/${y.year}`} aria-label={`${y.year} 年：查看与更正`}>
                  {y.year}
                </a>
              ),
            },
            {
              header: [t.calendar.holidays, ' / ', t.calendar.workdays],
              headClass: 'num',
              cellClass: 'num nowrap',
              cell: (y) => [y.holidays, ' / ', y.workdays],
            },
            { header: t.calendar.source, cell: (y) => y.source },
          ]}
        />
      </Section>
    </AdminLayout>
  );
}

function YearPage(p: { actor: UserActor; csrf: string; year: number; source: string; lines: string; form: FormState }): SafeHtml {
  return (
    <AdminLayout title={`${p.year} 年${t.calendar.title}`} actor={p.actor} csrfToken={p.csrf} currentPath="/admin/platform/calendar">
      <h1>
        {p.year} 年{t.calendar.title}
      </h1>
      <p>
        <a href="/admin/platform/calendar">返回{t.calendar.title}</a>
      </p>
      <Section title="更正本年安排" id="edit">
        <FormErrors message={p.form.message} fields={p.form.fields} />
        <form method="post" action="/admin/platform/calendar" class="stack">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="year" value={String(p.year)} />
          <div class="field">
            <label for="f-text">{t.calendar.importText}</label>
            <span class="hint" id="f-text-hint">
              每行“日期 休|班 名称”，保存后替换本年全部安排。
            </span>
            <textarea id="f-text" name="text" rows="16" aria-describedby="f-text-hint">
              {p.form.values.text ?? p.lines}
            </textarea>
          </div>
          <Field name="source" label={t.calendar.importSource} value={p.form.values.source ?? p.source} error={p.form.fields.source} />
          <div class="btn-row">
            <button class="btn" type="submit">
              {t.common.save}
            </button>
          </div>
        </form>
      </Section>
      <Section title="撤销本年安排" id="unload">
        <p class="muted">撤销后，涉及 {p.year} 年的期限将重新标记为临时结果。</p>
        <form method="post" action={`/admin/platform/calendar/${p.year}/unload`} class="stack">
          <CsrfField token={p.csrf} />
          <div class="field">
            <label>
              <input type="checkbox" name="confirm" value="yes" required /> 我确认撤销 {p.year} 年的节假日安排
            </label>
          </div>
          <div class="btn-row">
            <button class="btn danger" type="submit">
              撤销
            </button>
          </div>
        </form>
      </Section>
    </AdminLayout>
  );
}

/** The platform's holiday calendar in the console (superadmin): list, import, correct, unload. */
export async function registerCalendarAdminRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => calendarRoutes(zodRoutes(scope)));
}

/** A loaded year is named by its number as the list links it; any other text names no loaded year. */
const yearParams = z.object({ year: z.string() });

function calendarRoutes(admin: ZodRoutes): void {
  const deps = { ...admin.deps, recomputers: admin.deps.registries.dueDateRecomputers };
  const page = async (actor: UserActor, csrf: string, form: FormState, change?: CalendarChange) => (
    <CalendarPage actor={actor} csrf={csrf} years={await listCalendarYears(deps.db)} form={form} change={change} />
  );
  admin.get('/platform/calendar', async (request, reply) => {
    const actor = requireSuperadmin(request);
    return sendPage(reply, await page(actor, csrfToken(reply), emptyForm()));
  });
  admin.post('/platform/calendar', async (request, reply) => {
    const actor = requireSuperadmin(request);
    const values = formValues(request);
    // Correcting a loaded year: a form without the source field keeps the year's source.
    if (values.source === undefined) values.source = (await loadArrangements(deps.db)).find((y) => String(y.year) === values.year)?.source ?? '';
    const outcome = await runForm(values, () => importArrangements(deps, actor, parseArrangementForm(values)));
    if (outcome.ok) return sendPage(reply, await page(actor, csrfToken(reply), emptyForm(), outcome.result));
    return sendPage(reply, await page(actor, csrfToken(reply), outcome.state), 400);
  });
  admin.get('/platform/calendar/:year', { schema: { params: yearParams } }, async (request, reply) => {
    const actor = requireSuperadmin(request);
    const year = (await loadArrangements(deps.db)).find((y) => String(y.year) === request.params.year);
    if (!year) throw notFound(t.calendar.yearNotLoaded(Number(request.params.year)));
    return sendPage(
      reply,
      <YearPage actor={actor} csrf={csrfToken(reply)} year={year.year} source={year.source ?? ''} lines={formatArrangementLines(year)} form={emptyForm()} />,
    );
  });
  admin.post('/platform/calendar/:year/unload', { schema: { params: yearParams } }, async (request, reply) => {
    const actor = requireSuperadmin(request);
    const values = formValues(request);
    if (values.confirm !== 'yes') throw new DomainError('VALIDATION', '请勾选确认后再撤销。');
    const change = await unloadYear(deps, actor, Number(request.params.year));
    return sendPage(reply, await page(actor, csrfToken(reply), emptyForm(), change));
  });
}
