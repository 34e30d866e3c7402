import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { sendPage } from '../web/http.ts';
import { loadWorkCalendar } from './calendar.service.ts';
import { CalendarInputError } from './calendar-error.ts';
import { MAX_WORKDAYS, type WorkCalendar } from './day-table.ts';
import { computePeriod } from './periods.ts';
import { WorkdaysPage, type WorkdaysQuery } from './workdays.views.tsx';

/** Runs a calendar computation, turning bad input into the project's VALIDATION error. */
function calendarInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CalendarInputError) throw new DomainError('VALIDATION', error.message, { [error.field ?? '_']: error.message });
    throw error;
  }
}

const dateParam = (label: string) => z.string({ error: `请填写${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`);
const daysParam = z.coerce
  .number({ error: '工作日数应为整数' })
  .int('工作日数应为整数')
  .min(0, '工作日数不能为负数')
  .max(MAX_WORKDAYS, `工作日数不能超过 ${MAX_WORKDAYS}`);

function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const r = schema.safeParse(query);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const i of r.error.issues) fields[String(i.path[0] ?? '_')] ??= i.message;
  throw new DomainError('VALIDATION', Object.values(fields)[0] ?? t.errors.validation, fields);
}

/** The Nth working day after `from`, with the day-by-day explanation. */
export function explainAdd(calendar: WorkCalendar, from: string, days: number) {
  return calendarInput(() => {
    const period = computePeriod(calendar, { start: from, days }, { explain: true });
    return {
      from,
      days,
      dueOn: period.dueOn,
      provisional: period.provisional,
      missingYears: [...period.missingYears],
      steps: period.steps,
    };
  });
}

/** The public 工作日计算器 page and its JSON API. */
export async function registerWorkdaysRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get<{ Querystring: WorkdaysQuery }>('/workdays', async (request, reply) => {
    const q = request.query;
    const calendar = await loadWorkCalendar(db);
    let add: ReturnType<typeof explainAdd> | undefined;
    let between: { days: number; provisional: boolean; missingYears: number[] } | undefined;
    let error: { message: string; fields: Record<string, string> } | undefined;
    try {
      if (q.from || q.days) {
        const p = parseQuery(z.object({ from: dateParam(t.calendar.from), days: daysParam }), q);
        add = explainAdd(calendar, p.from, p.days);
      } else if (q.a || q.b) {
        const p = parseQuery(z.object({ a: dateParam('开始日期'), b: dateParam('结束日期') }), q);
        const r = calendarInput(() => calendar.workdaysBetween(p.a, p.b));
        between = { days: r.days, provisional: r.provisional, missingYears: [...r.missingYears] };
      }
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      error = { message: e.message, fields: e.fields };
    }
    return sendPage(
      reply,
      <WorkdaysPage query={q} add={add} between={between} error={error} loadedYears={calendar.loadedYears()} elder={request.elder} />,
      error ? 400 : 200,
    );
  });

  app.get<{ Querystring: Record<string, string> }>('/api/v1/workdays/add', async (request) => {
    const p = parseQuery(z.object({ from: dateParam('from'), days: daysParam }), request.query);
    return explainAdd(await loadWorkCalendar(db), p.from, p.days);
  });

  app.get<{ Querystring: Record<string, string> }>('/api/v1/workdays/between', async (request) => {
    const p = parseQuery(z.object({ from: dateParam('from'), to: dateParam('to') }), request.query);
    const calendar = await loadWorkCalendar(db);
    const r = calendarInput(() => calendar.workdaysBetween(p.from, p.to));
    return { from: p.from, to: p.to, days: r.days, provisional: r.provisional, missingYears: [...r.missingYears] };
  });
}
