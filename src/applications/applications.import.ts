/**
 * Applications in the interchange format (interchange.md), inwards: validate every record, then write all of them in
 * the shared transaction with multi-row inserts and one audit record per agency (export: applications.export.ts).
 */
import { CompiledQuery, type Insertable, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { CalendarInputError } from '../calendar/calendar-error.ts';
import { isValidDate } from '../calendar/civil-date.ts';
import type { WorkCalendar } from '../calendar/day-table.ts';
import { dialectOf } from '../db/dialect.ts';
import type { Database } from '../db/schema.ts';
import type { ImportContext, ImportHandler, ImportLine, ImportProblem } from '../interchange/importer.ts';
import { actorName } from '../shared/actor.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { fieldErrorsOf } from '../shared/validation.ts';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../vocabulary/codes.ts';
import { derivedColumns, toClockEvent } from './applications.repo.ts';
import { applicantKeyOf } from './applications.service.ts';
import type { ApplicationEventsTable, ApplicationFeesTable, ApplicationsTable } from './applications.tables.ts';
import { type CaseClockEvent, FEE_PAYMENT_DAYS } from './deadlines.ts';
import { checkSequence } from './transitions.ts';

const I = t.applications.interchange;

const date = z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD，且须为真实日期');
const text = (max: number) => z.string().max(max);

/** One event of an application record; fields beyond these are kept in the event's data. */
const eventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('correction_requested'),
    on: date,
    note: text(2000).optional(),
    items: z.array(text(500)).max(50).optional(),
    replyBy: date.optional(),
    lateReason: text(500).optional(),
  }),
  z.looseObject({ type: z.literal('correction_received'), on: date, note: text(2000).optional() }),
  z.looseObject({ type: z.literal('consultation_started'), on: date, party: z.enum(['third_party', 'agency']), receivedOn: date.optional() }),
  z.looseObject({ type: z.literal('consultation_ended'), on: date }),
  z.looseObject({ type: z.literal('fee_notice'), on: date, amount: z.number().int().positive() }),
  z.looseObject({ type: z.literal('fee_paid'), on: date }),
  z.looseObject({ type: z.literal('fee_notice_delivered'), on: date }),
  z.looseObject({ type: z.literal('longer_period'), on: date, days: z.number().int().min(1).max(10000), dueOn: date, reason: text(1000) }),
  z.looseObject({ type: z.literal('extended'), on: date, days: z.number().int().min(1).max(20).default(20) }),
  z.looseObject({ type: z.literal('closed'), on: date, outcome: z.enum(OUTCOME_CODES), legalBasis: text(500).optional() }),
]);

const applicantSchema = z.object({
  name: text(100).optional(),
  idType: text(40).optional(),
  idNumber: text(40).optional(),
  legalRep: text(50).optional(),
  contact: text(50).optional(),
  phone: text(30).optional(),
  email: text(100).optional(),
  address: text(200).optional(),
  postcode: text(10).optional(),
});

/** An application record of the interchange format. */
export const applicationRecordSchema = z.object({
  kind: z.literal('application'),
  agency: z.string().min(1),
  ref: z.string().trim().min(1).max(40),
  receivedOn: date,
  channel: z.enum(['online', 'in_person', 'mail', 'email', 'fax', 'other']),
  applicantType: z.enum(APPLICANT_TYPES),
  applicant: applicantSchema.optional(),
  subject: z.string().trim().min(1).max(500),
  description: text(4000).optional(),
  formWanted: text(40).optional(),
  wayWanted: text(40).optional(),
  events: z.array(eventSchema).max(200).default([]),
});
export type ApplicationRecord = z.infer<typeof applicationRecordSchema>;

type NewApplication = Insertable<ApplicationsTable>;

/**
 * The columns an imported case never has (tracking number, handler, the answer's review, delivery, archive): left out
 * of the bulk INSERT (the database defaults them to NULL, which also keeps the statements short), and cleared when
 * --replace overwrites a case.
 */
const NOT_IMPORTED = {
  trackingNo: null,
  queryCodeHash: null,
  channelDetail: null,
  handlerId: null,
  extensionRequestJson: null,
  answerLetter: null,
  answerNote: null,
  answerSignedBy: null,
  answerSignedAt: null,
  deliveredOn: null,
  deliveryMethod: null,
  archivedOn: null,
} as const;
type NewEvent = Omit<Insertable<ApplicationEventsTable>, 'applicationId'>;
type NewFee = Omit<Insertable<ApplicationFeesTable>, 'applicationId'>;

/** Rows per multi-row INSERT: under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const rowsPerInsert = (columns: number) => Math.max(1, Math.floor(30_000 / columns));

const TABLES = { applications: 'applications', applicationEvents: 'application_events', applicationFees: 'application_fees' } as const;
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Inserts rows with multi-row INSERT statements, returning the new ids keyed as `agencyId/ref` when asked. The bulk
 * path builds its statement text once per chunk size and runs it through Kysely's executor as a compiled query:
 * building 100,000 rows through the query builder cost more than writing them (see bench/applications.bench.ts).
 */
async function insertMany<T extends keyof typeof TABLES>(
  trx: Transaction<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
  returning: boolean,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (rows.length === 0) return ids;
  const columns = Object.keys(rows[0] as object);
  const postgres = dialectOf(trx) === 'postgres';
  const size = rowsPerInsert(columns.length);
  const head = `insert into "${TABLES[table]}" (${columns.map((c) => `"${snake(c)}"`).join(', ')}) values `;
  const tail = returning ? ' returning "id", "agency_id", "ref"' : '';
  const statements = new Map<number, string>();
  const statementFor = (n: number) => {
    let text = statements.get(n);
    if (text === undefined) {
      const tuples: string[] = [];
      let p = 0;
      for (let r = 0; r < n; r++) tuples.push(`(${columns.map(() => (postgres ? `$${++p}` : '?')).join(', ')})`);
      text = head + tuples.join(', ') + tail;
      statements.set(n, text);
    }
    return text;
  };
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const params: unknown[] = [];
    for (const row of chunk) for (const c of columns) params.push((row as Record<string, unknown>)[c] ?? null);
    // Result rows pass through the CamelCasePlugin like any other.
    const result = await trx.executeQuery<{ id: number; agencyId: number; ref: string }>(CompiledQuery.raw(statementFor(chunk.length), params));
    if (returning) for (const r of result.rows) ids.set(`${r.agencyId}/${r.ref}`, Number(r.id));
  }
  return ids;
}

/** The stored data of an imported event: everything but type and on. */
function dataOf(e: Record<string, unknown>): Record<string, unknown> {
  const { type: _t, on: _o, ...rest } = e;
  return rest;
}

type Prepared = { line: number; agencyId: number; existingId: number | null; row: NewApplication; events: NewEvent[]; fees: NewFee[] };

/** Validates one record and builds its rows, or returns its problems. */
function prepare(
  calendar: WorkCalendar,
  l: ImportLine,
  agencyId: number,
  existingId: number | null,
  ctx: { now: string; today: string; actor: string },
): { prepared?: Prepared; problems: ImportProblem[] } {
  const parsed = applicationRecordSchema.safeParse(l.record);
  if (!parsed.success) {
    return { problems: Object.entries(fieldErrorsOf(parsed.error)).map(([field, message]) => ({ line: l.line, field, message })) };
  }
  const r = parsed.data;
  const problems: ImportProblem[] = [];
  if (r.receivedOn > ctx.today) problems.push({ line: l.line, field: 'receivedOn', message: I.receivedFuture });
  const clockEvents: CaseClockEvent[] = r.events.map((e) => toClockEvent(e.type, e.on, dataOf(e)));
  r.events.forEach((e, i) => {
    if (e.on > ctx.today) problems.push({ line: l.line, field: `events.${i}.on`, message: I.eventFuture });
  });
  let derived: ReturnType<typeof derivedColumns> | undefined;
  try {
    for (const p of checkSequence(calendar, r.receivedOn, clockEvents))
      problems.push({ line: l.line, field: `events.${p.index}.${p.field}`, message: p.message });
    if (problems.length === 0) derived = derivedColumns(calendar, { status: 'processing', receivedOn: r.receivedOn }, clockEvents);
  } catch (error) {
    if (!(error instanceof CalendarInputError)) throw error;
    problems.push({ line: l.line, field: 'events', message: error.message });
  }
  if (problems.length > 0 || !derived) return { problems };
  const a = r.applicant ?? {};
  const closed = r.events.find((e) => e.type === 'closed');
  const row: NewApplication = {
    agencyId,
    ref: r.ref,
    channel: r.channel,
    submittedAt: `${r.receivedOn}T00:00:00.000Z`,
    receivedOn: r.receivedOn,
    applicantType: r.applicantType,
    applicantName: a.name ?? null,
    applicantIdType: a.idType ?? null,
    applicantIdNumber: a.idNumber ?? null,
    applicantLegalRep: a.legalRep ?? null,
    applicantContact: a.contact ?? null,
    applicantPhone: a.phone ?? null,
    applicantEmail: a.email ?? null,
    applicantAddress: a.address ?? null,
    applicantPostcode: a.postcode ?? null,
    applicantKey: applicantKeyOf(a.idType, a.idNumber),
    subject: r.subject,
    description: r.description ?? null,
    formWanted: r.formWanted ?? null,
    wayWanted: r.wayWanted ?? null,
    ...derived.columns,
    outcome: closed?.type === 'closed' ? closed.outcome : null,
    legalBasis: closed?.type === 'closed' ? (closed.legalBasis ?? null) : null,
    answerState: closed ? 'signed' : 'none',
    version: 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  const events: NewEvent[] = r.events.map((e) => ({
    agencyId,
    type: e.type,
    eventOn: e.on,
    dataJson: JSON.stringify(dataOf(e)),
    actorName: ctx.actor,
    createdAt: ctx.now,
  }));
  const fees: NewFee[] = [];
  r.events.forEach((e, i) => {
    if (e.type !== 'fee_notice') return;
    const paid = r.events.slice(i + 1).find((x) => x.type === 'fee_paid');
    const delivered = r.events.slice(i + 1).find((x) => x.type === 'fee_notice_delivered');
    fees.push({
      agencyId,
      schedule: 'recorded',
      quantity: null,
      amount: e.amount,
      noticeOn: e.on,
      // The 20 working days run from the applicant's receipt of the notice (none recorded: no deadline yet).
      payBy: delivered ? calendar.addWorkdays(delivered.on, FEE_PAYMENT_DAYS).date : null,
      paidOn: paid?.on ?? null,
      status: paid ? 'paid' : closed?.type === 'closed' && closed.outcome === 'other.unpaid_fee' ? 'lapsed' : 'outstanding',
      createdAt: ctx.now,
    });
  });
  return { prepared: { line: l.line, agencyId, existingId, row, events, fees }, problems: [] };
}

/** The import handler for `"kind": "application"` (registered in composition.ts). */
export const applicationImportHandler: ImportHandler = {
  kind: 'application',
  order: 10,
  async importLines(ctx: ImportContext, lines: ImportLine[]) {
    const { trx } = ctx;
    const problems: ImportProblem[] = [];
    // A bulk load touches every index page: give SQLite a bigger page cache for this connection (64 MB, not 2 MB).
    if (dialectOf(trx) === 'sqlite') await sql`pragma cache_size = -65536`.execute(trx);
    const calendar = await loadWorkCalendar(trx);
    const codes = [...new Set(lines.map((l) => String(l.record.agency ?? '')))];
    const agencies = new Map(
      (
        await trx
          .selectFrom('agencies')
          .select(['id', 'code'])
          .where('code', 'in', codes.length ? codes : [''])
          .execute()
      ).map((a) => [a.code, a.id]),
    );
    const existing = new Map<string, number>();
    if (agencies.size > 0) {
      const rows = await trx
        .selectFrom('applications')
        .select(['id', 'agencyId', 'ref'])
        .where('agencyId', 'in', [...agencies.values()])
        .execute();
      for (const r of rows) existing.set(`${r.agencyId}\u0000${r.ref}`, r.id);
    }
    const seen = new Map<string, number>();
    const prepared: Prepared[] = [];
    const base = { now: ctx.clock.now().toISOString(), today: ctx.clock.today(), actor: actorName(ctx.actor) };
    for (const l of lines) {
      const code = String(l.record.agency ?? '');
      const agencyId = agencies.get(code);
      if (agencyId === undefined) {
        problems.push({ line: l.line, field: 'agency', message: I.agencyUnknown(code) });
        continue;
      }
      const key = `${agencyId}\u0000${typeof l.record.ref === 'string' ? l.record.ref.trim() : ''}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ line: l.line, field: 'ref', message: I.refDuplicateInFile(first) });
        continue;
      }
      seen.set(key, l.line);
      const existingId = existing.get(key) ?? null;
      if (existingId !== null && !ctx.options.replace) {
        problems.push({ line: l.line, field: 'ref', message: I.refExists(String(l.record.ref)) });
        continue;
      }
      const result = prepare(calendar, l, agencyId, existingId, base);
      if (result.prepared) prepared.push(result.prepared);
      else problems.push(...result.problems);
    }
    if (problems.length > 0) return { problems, written: 0 };

    // Replacements update the case in place (its id, and the appeals that point at it, stay); new ones are inserted in bulk.
    const fresh = prepared.filter((p) => p.existingId === null);
    for (const p of prepared) {
      if (p.existingId === null) continue;
      const id = p.existingId;
      await trx.deleteFrom('applicationEvents').where('applicationId', '=', id).execute();
      await trx.deleteFrom('applicationFees').where('applicationId', '=', id).execute();
      const { createdAt: _c, ...update } = p.row;
      await trx
        .updateTable('applications')
        .set({ ...NOT_IMPORTED, ...update })
        .where('id', '=', id)
        .execute();
      await insertMany(
        trx,
        'applicationEvents',
        p.events.map((e) => ({ ...e, applicationId: id })),
        false,
      );
      await insertMany(
        trx,
        'applicationFees',
        p.fees.map((f) => ({ ...f, applicationId: id })),
        false,
      );
    }
    const ids = await insertMany(
      trx,
      'applications',
      fresh.map((p) => p.row),
      true,
    );
    const events: Insertable<ApplicationEventsTable>[] = [];
    const fees: Insertable<ApplicationFeesTable>[] = [];
    for (const p of fresh) {
      const applicationId = ids.get(`${p.agencyId}/${p.row.ref}`) as number;
      for (const e of p.events) events.push({ ...e, applicationId });
      for (const f of p.fees) fees.push({ ...f, applicationId });
    }
    await insertMany(trx, 'applicationEvents', events, false);
    await insertMany(trx, 'applicationFees', fees, false);

    const byAgency = new Map<number, { created: number; replaced: number }>();
    for (const p of prepared) {
      const c = byAgency.get(p.agencyId) ?? { created: 0, replaced: 0 };
      if (p.existingId === null) c.created++;
      else c.replaced++;
      byAgency.set(p.agencyId, c);
    }
    for (const [agencyId, counts] of byAgency) {
      await recordAudit(trx, ctx.clock, { actor: ctx.actor, agencyId, action: 'application.import', entityType: 'application', entityId: null, after: counts });
    }
    return { problems: [], written: prepared.length };
  },
};
