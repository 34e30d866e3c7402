import type { SafeHtml } from '#jsx/jsx-runtime';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, Crumbs, Field } from '../web/components.tsx';
import { PortalLayout } from '../web/layout.tsx';
import type { ExplanationStep } from './periods.ts';
import type { explainAdd } from './workdays.routes.tsx';

export type WorkdaysQuery = { from?: string; days?: string; a?: string; b?: string };

type AddResult = ReturnType<typeof explainAdd>;

/** One row of the explanation table: what the day is, and how it counts. */
function stepRow(s: ExplanationStep): { badge: string; label: string; count: string } | null {
  const named = (base: string, name?: string) => (name ? `${base}（${name}）` : base);
  switch (s.kind) {
    case 'start':
      return { badge: '', label: '起算日', count: '不计入' };
    case 'count':
      return s.reason === 'makeup_workday'
        ? { badge: 'info', label: named(t.calendar.dayKinds.makeup_workday, s.holidayName), count: `第 ${s.ordinal} 个工作日` }
        : { badge: '', label: t.calendar.dayKinds.weekday, count: `第 ${s.ordinal} 个工作日` };
    case 'skip':
      return s.reason === 'holiday'
        ? { badge: 'warn', label: named(t.calendar.dayKinds.holiday, s.holidayName), count: '不计入' }
        : { badge: 'muted', label: t.calendar.dayKinds.weekend, count: '不计入' };
    case 'due':
      return null;
    default:
      return { badge: '', label: s.text, count: '' };
  }
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const weekday = (date: string) => `周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;

/** The public 工作日计算器: the due date of a period and every day's reasoning, and the count between two dates. */
export function WorkdaysPage(p: {
  query: WorkdaysQuery;
  add: AddResult | undefined;
  between: { days: number; provisional: boolean; missingYears: number[] } | undefined;
  error: { message: string; fields: Record<string, string> } | undefined;
  loadedYears: number[];
  elder: boolean;
}): SafeHtml {
  const years = p.loadedYears;
  const range = years.length ? `${years[0]}–${years[years.length - 1]}` : t.common.none;
  return (
    <PortalLayout title={t.calendar.calculatorTitle} currentPath="/workdays" elder={p.elder}>
      <Crumbs items={[{ label: t.site.home, href: '/' }, { label: t.calendar.calculatorTitle }]} />
      <section class="card" aria-labelledby="wd-title">
        <h1 id="wd-title">{t.calendar.calculatorTitle}</h1>
        <p class="lead">{t.calendar.calculatorLead}</p>
        <p class="muted">
          {t.calendar.loadedYears}：{range}
        </p>
      </section>
      <div class="grid-2">
        <section class="card" aria-labelledby="add-title">
          <h2 id="add-title">计算到期日</h2>
          <form method="get" action="/workdays" class="stack">
            <Field name="from" type="date" label={t.calendar.from} hint={t.calendar.fromHint} value={p.query.from} error={p.error?.fields.from} required />
            <Field
              name="days"
              type="number"
              label={t.calendar.days}
              hint={t.calendar.daysHint}
              value={p.query.days ?? '20'}
              error={p.error?.fields.days}
              inputmode="numeric"
              required
            />
            <div class="btn-row">
              <button class="btn" type="submit">
                {t.calendar.compute}
              </button>
            </div>
          </form>
        </section>
        <section class="card" aria-labelledby="between-title">
          <h2 id="between-title">计算间隔工作日</h2>
          <form method="get" action="/workdays" class="stack">
            <Field name="a" type="date" label="开始日期（不计入）" value={p.query.a} error={p.error?.fields.a} required />
            <Field name="b" type="date" label="结束日期（计入）" value={p.query.b} error={p.error?.fields.b} required />
            <div class="btn-row">
              <button class="btn" type="submit">
                {t.calendar.compute}
              </button>
            </div>
          </form>
        </section>
      </div>
      {p.error ? <Alert kind="error">{p.error.message}</Alert> : null}
      {p.between && p.query.a && p.query.b ? (
        <section class="card" aria-labelledby="between-result" aria-live="polite">
          <h2 id="between-result">计算结果</h2>
          <p class="stat">{p.between.days} 个工作日</p>
          <p>{t.calendar.betweenResult(p.query.a, p.query.b, p.between.days)}</p>
          {p.between.provisional ? <Alert kind="warn">{t.calendar.provisional(p.between.missingYears.join('、'))}</Alert> : null}
        </section>
      ) : null}
      {p.add ? (
        <section class="card" aria-labelledby="add-result" aria-live="polite">
          <h2 id="add-result">计算结果</h2>
          <p>
            {t.calendar.dueOn}：<strong class="stat">{p.add.dueOn}</strong>
          </p>
          <p>{p.add.dueOn ? t.calendar.result(p.add.from, p.add.days, p.add.dueOn) : null}</p>
          {p.add.provisional ? <Alert kind="warn">{t.calendar.provisional(p.add.missingYears.join('、'))}</Alert> : null}
          <h3>{t.calendar.explanation}</h3>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t.calendar.explanation}</caption>
              <thead>
                <tr>
                  <th scope="col">日期</th>
                  <th scope="col">类别与计数</th>
                </tr>
              </thead>
              <tbody>
                {p.add.steps.map((s) => {
                  const row = stepRow(s);
                  if (!row) return null;
                  const isDue = s.date === p.add?.dueOn && s.kind === 'count';
                  return (
                    <tr class={isDue ? 'row-due' : row.count === '不计入' && s.kind === 'skip' ? 'row-off' : undefined}>
                      <td class="nowrap">
                        {s.date} {weekday(s.date)}
                      </td>
                      <td>
                        {row.badge ? <span class={`badge ${row.badge}`}>{row.label}</span> : row.label}
                        {row.count ? <span class="muted"> · {row.count}</span> : null}
                        {isDue ? <strong class="badge ok">{t.calendar.dueOn}</strong> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </PortalLayout>
  );
}
