/** Appeals in the interchange format: all-or-nothing import (after applications, so refs resolve) and export. */
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { isValidDate } from '../calendar/civil-date.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { ExportHandler } from '../interchange/exporter.ts';
import type { ImportHandler, ImportProblem } from '../interchange/importer.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { fieldErrorsOf } from '../shared/validation.ts';
import { APPEAL_RESULTS, APPEAL_TYPES } from '../vocabulary/codes.ts';

const I = t.applications.interchange;
const date = z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD，且须为真实日期');

/** An appeal record of the interchange format. */
export const appealRecordSchema = z
  .object({
    kind: z.literal('appeal'),
    agency: z.string().min(1),
    ref: z.string().trim().min(1).max(40),
    type: z.enum(APPEAL_TYPES),
    filedOn: date,
    application: z.string().trim().min(1).max(40).optional(),
    result: z.enum(APPEAL_RESULTS),
    decidedOn: date.optional(),
    note: z.string().max(1000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.result === 'pending' && v.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: I.pendingWithDecision });
    if (v.result !== 'pending' && !v.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: I.decisionNeeded });
    if (v.decidedOn && v.decidedOn < v.filedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: I.decidedBeforeFiled });
  });

/** The import handler for `"kind": "appeal"`; runs after applications (order 20). */
export const appealImportHandler: ImportHandler = {
  kind: 'appeal',
  order: 20,
  async importLines(ctx, lines) {
    const { trx } = ctx;
    const problems: ImportProblem[] = [];
    const today = ctx.clock.today();
    const now = ctx.clock.now().toISOString();
    const agencies = new Map((await trx.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.code, a.id]));
    const seen = new Map<string, number>();
    const rows: { line: number; agencyId: number; existingId: number | null; values: Record<string, unknown> }[] = [];
    for (const l of lines) {
      const parsed = appealRecordSchema.safeParse(l.record);
      if (!parsed.success) {
        for (const [field, message] of Object.entries(fieldErrorsOf(parsed.error))) problems.push({ line: l.line, field, message });
        continue;
      }
      const r = parsed.data;
      const agencyId = agencies.get(r.agency);
      if (agencyId === undefined) {
        problems.push({ line: l.line, field: 'agency', message: I.agencyUnknown(r.agency) });
        continue;
      }
      if (r.filedOn > today) problems.push({ line: l.line, field: 'filedOn', message: I.eventFuture });
      if (r.decidedOn && r.decidedOn > today) problems.push({ line: l.line, field: 'decidedOn', message: I.eventFuture });
      const key = `${agencyId}\u0000${r.ref}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ line: l.line, field: 'ref', message: I.refDuplicateInFile(first) });
        continue;
      }
      seen.set(key, l.line);
      const existing = await trx.selectFrom('appeals').select('id').where('agencyId', '=', agencyId).where('ref', '=', r.ref).executeTakeFirst();
      if (existing && !ctx.options.replace) {
        problems.push({ line: l.line, field: 'ref', message: I.appealRefExists(r.ref) });
        continue;
      }
      let applicationId: number | null = null;
      if (r.application) {
        const app = await trx.selectFrom('applications').select('id').where('agencyId', '=', agencyId).where('ref', '=', r.application).executeTakeFirst();
        if (!app) {
          problems.push({ line: l.line, field: 'application', message: I.appealApplicationUnknown(r.application) });
          continue;
        }
        applicationId = app.id;
      }
      rows.push({
        line: l.line,
        agencyId,
        existingId: existing?.id ?? null,
        values: { ref: r.ref, type: r.type, filedOn: r.filedOn, applicationId, result: r.result, decidedOn: r.decidedOn ?? null, note: r.note ?? null },
      });
    }
    if (problems.length > 0) return { problems, written: 0 };
    const counts = new Map<number, number>();
    for (const row of rows) {
      const v = row.values as {
        ref: string;
        type: (typeof APPEAL_TYPES)[number];
        filedOn: string;
        applicationId: number | null;
        result: (typeof APPEAL_RESULTS)[number];
        decidedOn: string | null;
        note: string | null;
      };
      if (row.existingId !== null)
        await trx
          .updateTable('appeals')
          .set({ ...v, updatedAt: now })
          .where('id', '=', row.existingId)
          .execute();
      else
        await trx
          .insertInto('appeals')
          .values({ ...v, agencyId: row.agencyId, createdAt: now, updatedAt: now })
          .execute();
      counts.set(row.agencyId, (counts.get(row.agencyId) ?? 0) + 1);
    }
    for (const [agencyId, n] of counts)
      await recordAudit(trx, ctx.clock, { actor: ctx.actor, agencyId, action: 'appeal.import', entityType: 'appeal', entityId: null, after: { written: n } });
    return { problems: [], written: rows.length };
  },
};

/** The export handler for `gongkai export appeals AGENCY`. */
export const appealExportHandler: ExportHandler = {
  kind: 'appeal',
  async *exportRecords(db: DbOrTrx, agencyCode: string, options: { year?: number | undefined; today: string }) {
    let q = db
      .selectFrom('appeals')
      .innerJoin('agencies', 'agencies.id', 'appeals.agencyId')
      .leftJoin('applications', 'applications.id', 'appeals.applicationId')
      .select(['appeals.ref', 'appeals.type', 'appeals.filedOn', 'appeals.result', 'appeals.decidedOn', 'appeals.note', 'applications.ref as applicationRef'])
      .where('agencies.code', '=', agencyCode);
    if (options.year !== undefined) q = q.where('appeals.filedOn', '>=', `${options.year}-01-01`).where('appeals.filedOn', '<=', `${options.year}-12-31`);
    for (const a of await q.orderBy('appeals.filedOn').orderBy('appeals.id').execute()) {
      const record: Record<string, unknown> = { kind: 'appeal', agency: agencyCode, ref: a.ref, type: a.type, filedOn: a.filedOn };
      if (a.applicationRef) record.application = a.applicationRef;
      record.result = a.result;
      if (a.decidedOn) record.decidedOn = a.decidedOn;
      if (a.note) record.note = a.note;
      yield record;
    }
  },
};
