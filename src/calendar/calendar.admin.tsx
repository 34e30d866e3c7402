import type { FastifyInstance } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { csrfToken, requireSuperadmin, type UserActor } from '../console/console.ts';
import { DomainError, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { checkInputText, InputTextError } from '../shared/input-text.ts';
import { Alert, CsrfField, Field, FormErrors, Section } from '../web/components.tsx';
import { emptyForm, type FormState, formValues, runForm, sendPage } from '../web/http.ts';
import { AdminLayout } from '../web/layout.tsx';
import { formatArrangementLines, parseArrangementLines } from './arrangement-lines.ts';
import { type CalendarChange, importArrangements, listCalendarYears, loadArrangements, parseArrangementFile, unloadYear } from './calendar.service.ts';
import { CalendarInputError } from './calendar-error.ts';

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
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t.calendar.loadedYears}</caption>
            <thead>
              <tr>
                <th scope="col">{t.calendar.year}</th>
                <th scope="col" class="num">
                  {t.calendar.holidays} / {t.calendar.workdays}
                </th>
                <th scope="col">{t.calendar.source}</th>
              </tr>
            </thead>
            <tbody>
              {p.years.map((y) => (
                <tr>
                  <td>
                    <a href={`/admin/platform/calendar/${y.year}`} aria-label={`${y.year} 年：查看与更正`}>
                      {y.year}
                    </a>
                  </td>
                  <td class="num nowrap">
                    {y.holidays} / {y.workdays}
                  </td>
                  <td>{y.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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

/** Parses what the administrator pasted: a JSON or iCalendar file, or the line format for one year. */
function parseSubmission(values: Record<string, string>) {
  const text = values.text ?? '';
  try {
    // What the command line refuses in a file is refused here too (a form body may carry %00 or bytes decoded as U+FFFD).
    checkInputText(text);
    const trimmed = text.trim();
    if (!trimmed) throw new DomainError('VALIDATION', t.errors.validation, { text: t.calendar.emptyFile });
    // Untrimmed, so messages name the lines as the administrator sees them.
    if (trimmed.startsWith('{') || trimmed.startsWith('[') || /^BEGIN:VCALENDAR/i.test(trimmed)) return parseArrangementFile(text);
    const year = Number(values.year);
    if (!Number.isInteger(year) || year < 1900 || year > 2299) throw new DomainError('VALIDATION', t.errors.validation, { year: '请填写四位年份' });
    return [parseArrangementLines(text, year, values.source?.trim() || '管理员录入')];
  } catch (error) {
    if (error instanceof CalendarInputError || error instanceof InputTextError)
      throw new DomainError('VALIDATION', t.errors.validation, { text: error.message });
    throw error;
  }
}

/** The platform's holiday calendar in the console (superadmin): list, import, correct, unload. */
export async function registerCalendarAdminRoutes(admin: FastifyInstance): Promise<void> {
  const deps = { ...admin.deps, recomputers: admin.deps.registries.dueDateRecomputers };
  admin.get('/platform/calendar', async (request, reply) => {
    const actor = requireSuperadmin(request);
    return sendPage(reply, <CalendarPage actor={actor} csrf={csrfToken(reply)} years={await listCalendarYears(deps.db)} form={emptyForm()} />);
  });
  admin.post('/platform/calendar', async (request, reply) => {
    const actor = requireSuperadmin(request);
    const values = formValues(request);
    // Correcting a loaded year: a form without the source field keeps the year's source.
    if (values.source === undefined) values.source = (await loadArrangements(deps.db)).find((y) => String(y.year) === values.year)?.source ?? '';
    const outcome = await runForm(values, () => importArrangements(deps, actor, parseSubmission(values)));
    const years = await listCalendarYears(deps.db);
    if (outcome.ok) return sendPage(reply, <CalendarPage actor={actor} csrf={csrfToken(reply)} years={years} form={emptyForm()} change={outcome.result} />);
    return sendPage(reply, <CalendarPage actor={actor} csrf={csrfToken(reply)} years={years} form={outcome.state} />, 400);
  });
  admin.get<{ Params: { year: string } }>('/platform/calendar/:year', async (request, reply) => {
    const actor = requireSuperadmin(request);
    const year = (await loadArrangements(deps.db)).find((y) => String(y.year) === request.params.year);
    if (!year) throw notFound(t.calendar.yearNotLoaded(Number(request.params.year)));
    return sendPage(
      reply,
      <YearPage actor={actor} csrf={csrfToken(reply)} year={year.year} source={year.source ?? ''} lines={formatArrangementLines(year)} form={emptyForm()} />,
    );
  });
  admin.post<{ Params: { year: string } }>('/platform/calendar/:year/unload', async (request, reply) => {
    const actor = requireSuperadmin(request);
    const values = formValues(request);
    if (values.confirm !== 'yes') throw new DomainError('VALIDATION', '请勾选确认后再撤销。');
    const change = await unloadYear(deps, actor, Number(request.params.year));
    const years = await listCalendarYears(deps.db);
    return sendPage(reply, <CalendarPage actor={actor} csrf={csrfToken(reply)} years={years} form={emptyForm()} change={change} />);
  });
}
