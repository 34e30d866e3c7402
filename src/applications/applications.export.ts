/** Applications in the interchange format, outwards: each record with the computed fields dueOn, provisional, status, overdue and correctionDueOn. */
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { ExportHandler } from '../interchange/exporter.ts';
import { derivedColumns, eventData, isClockEventType, toClockEvent } from './applications.repo.ts';
import { type CaseClockEvent, CLOCK_EVENT_TYPES, isOverdue } from './deadlines.ts';

const EXPORT_BATCH = 1000;

/** The interchange fields of a stored clock event. */
function exportEvent(type: string, on: string, data: Record<string, unknown>): Record<string, unknown> {
  const e: Record<string, unknown> = { type, on };
  const copy = (k: string) => {
    if (data[k] !== undefined && data[k] !== null) e[k] = data[k];
  };
  switch (type) {
    case 'correction_requested':
      for (const k of ['note', 'items', 'replyBy', 'lateReason']) copy(k);
      break;
    case 'correction_received':
      copy('note');
      break;
    case 'consultation_started':
      copy('party');
      break;
    case 'fee_notice':
      copy('amount');
      break;
    case 'extended':
      e.days = Number(data.days ?? 20);
      break;
    case 'closed':
      copy('outcome');
      copy('legalBasis');
      break;
  }
  return e;
}

/** The export handler for `gongkai export applications AGENCY` (registered in composition.ts). */
export const applicationExportHandler: ExportHandler = {
  kind: 'application',
  async *exportRecords(db: DbOrTrx, agencyCode: string, options: { year?: number | undefined; today: string }) {
    const agency = await db.selectFrom('agencies').select(['id', 'code']).where('code', '=', agencyCode).executeTakeFirst();
    if (!agency) return;
    const calendar = await loadWorkCalendar(db);
    // Pages in ref order along the (agency, ref) unique index: a stable order that needs no sort per page.
    let lastRef = '';
    for (;;) {
      let q = db
        .selectFrom('applications')
        .select([
          'id',
          'ref',
          'receivedOn',
          'channel',
          'applicantType',
          'applicantName',
          'applicantIdType',
          'applicantIdNumber',
          'applicantLegalRep',
          'applicantContact',
          'applicantPhone',
          'applicantEmail',
          'applicantAddress',
          'applicantPostcode',
          'subject',
          'description',
          'formWanted',
          'wayWanted',
        ])
        .where('agencyId', '=', agency.id)
        .where('ref', '>', lastRef)
        .where('receivedOn', 'is not', null)
        .where('status', '!=', 'discarded');
      if (options.year !== undefined) q = q.where('receivedOn', '>=', `${options.year}-01-01`).where('receivedOn', '<=', `${options.year}-12-31`);
      const rows = await q.orderBy('ref').limit(EXPORT_BATCH).execute();
      if (rows.length === 0) return;
      lastRef = rows[rows.length - 1]?.ref ?? lastRef;
      const log = await db
        .selectFrom('applicationEvents')
        .select(['applicationId', 'type', 'eventOn', 'dataJson'])
        .where(
          'applicationId',
          'in',
          rows.map((r) => r.id),
        )
        .where('type', 'in', [...CLOCK_EVENT_TYPES])
        .orderBy('applicationId')
        .orderBy('id')
        .execute();
      const byCase = new Map<number, typeof log>();
      for (const e of log) {
        const list = byCase.get(e.applicationId);
        if (list) list.push(e);
        else byCase.set(e.applicationId, [e]);
      }
      for (const r of rows) {
        const receivedOn = r.receivedOn as string;
        const entries = byCase.get(r.id) ?? [];
        const events: Record<string, unknown>[] = [];
        const clockEvents: CaseClockEvent[] = [];
        for (const e of entries) {
          if (!isClockEventType(e.type)) continue;
          const data = eventData(e);
          events.push(exportEvent(e.type, e.eventOn, data));
          clockEvents.push(toClockEvent(e.type, e.eventOn, data));
        }
        const { clock } = derivedColumns(calendar, { status: 'processing', receivedOn }, clockEvents);
        const applicant: Record<string, string> = {};
        const put = (k: string, v: string | null) => {
          if (v !== null) applicant[k] = v;
        };
        put('name', r.applicantName);
        put('idType', r.applicantIdType);
        put('idNumber', r.applicantIdNumber);
        put('legalRep', r.applicantLegalRep);
        put('contact', r.applicantContact);
        put('phone', r.applicantPhone);
        put('email', r.applicantEmail);
        put('address', r.applicantAddress);
        put('postcode', r.applicantPostcode);
        const record: Record<string, unknown> = {
          kind: 'application',
          agency: agency.code,
          ref: r.ref,
          receivedOn,
          channel: r.channel,
          applicantType: r.applicantType,
          applicant,
          subject: r.subject,
        };
        if (r.description) record.description = r.description;
        if (r.formWanted) record.formWanted = r.formWanted;
        if (r.wayWanted) record.wayWanted = r.wayWanted;
        record.events = events;
        record.dueOn = clock?.dueOn ?? null;
        record.provisional = clock?.provisional ?? false;
        record.status = clock?.status === 'closed' ? 'closed' : 'open';
        record.overdue = clock ? isOverdue(clock, options.today) : false;
        if (clock?.correctionDueOn) record.correctionDueOn = clock.correctionDueOn;
        yield record;
      }
    }
  },
};
