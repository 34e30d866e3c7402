/**
 * Importing reports published before the platform ran (interchange kind "report": the report as data, tables and,
 * optionally, sections). The checks R1–R5 run on every imported report, R5 against the previous year's report where
 * the platform holds one; a report failing them is refused with each failing cell. Imported reports are stored as
 * published, frozen, and serve as the previous year for the next generated report.
 */
import { findAgencyByCode } from '../agencies/agencies.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isValidDate } from '../calendar/civil-date.ts';
import type { ImportHandler, ImportProblem } from '../interchange/importer.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { getStoredReport } from './build-report.ts';
import { emptySections, type StoredSections, splitOverview } from './narrative.ts';
import { ReportInputError, readReportObject } from './report-input.ts';
import { checkText } from './text-vs-tables.ts';
import { checkTables } from './validation.ts';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The sections of an import record: the interchange shape, 一 split back into its sub-headings. */
function sectionsOf(record: Record<string, unknown>): StoredSections {
  const s = record.sections;
  if (typeof s !== 'object' || s === null) return emptySections();
  const o = s as Record<string, unknown>;
  return { intro: text(o.intro), overview: splitOverview(text(o.overview)), problems: text(o.problems), other: text(o.other) };
}

export const reportImportHandler: ImportHandler = {
  kind: 'report',
  order: 50,
  async importLines(ctx, lines) {
    const problems: ImportProblem[] = [];
    const m = t.reports.importing;
    const pending: { line: number; agencyId: number; year: number; build: () => Promise<void> }[] = [];
    const seen = new Set<string>();
    const thisYear = Number(ctx.clock.today().slice(0, 4));
    // Earlier years first, so that R5 can compare a year with the one before it in the same file.
    const validated = new Map<string, ReturnType<typeof readReportObject>>();
    const byYear = [...lines].sort((a, b) => Number(a.record.year) - Number(b.record.year));
    for (const { line, record } of byYear) {
      const agency = typeof record.agency === 'string' ? await findAgencyByCode(ctx.trx, record.agency) : undefined;
      if (!agency) {
        problems.push({ line, field: 'agency', message: t.agency.notFound });
        continue;
      }
      const year = Number(record.year);
      if (!Number.isInteger(year) || year < 2008 || year >= thisYear) {
        problems.push({ line, field: 'year', message: m.badYear(thisYear - 1) });
        continue;
      }
      let input: ReturnType<typeof readReportObject>;
      try {
        input = readReportObject(record);
      } catch (error) {
        if (!(error instanceof ReportInputError)) throw error;
        problems.push({ line, field: 'tables', message: error.message });
        continue;
      }
      const key = `${agency.id}:${year}`;
      if (seen.has(key)) {
        problems.push({ line, field: 'year', message: m.duplicate(year) });
        continue;
      }
      seen.add(key);
      const existing = await getStoredReport(ctx.trx, agency.id, year);
      if (existing?.origin === 'generated') {
        problems.push({ line, field: 'year', message: m.generatedExists(year) });
        continue;
      }
      if (existing && !ctx.options.replace) {
        problems.push({ line, field: 'year', message: m.exists(year) });
        continue;
      }
      const previous =
        validated.get(`${agency.id}:${year - 1}`)?.tables.applications ??
        (await getStoredReport(ctx.trx, agency.id, year - 1))?.frozen?.tables.tables.applications;
      const checks = checkTables(input.tables, previous ?? null);
      validated.set(key, input);
      for (const c of checks.filter((x) => !x.ok)) for (const p of c.problems) problems.push({ line, field: `tables (${c.rule})`, message: p });
      if (checks.some((c) => !c.ok)) continue;
      const sections = sectionsOf(record);
      // The text against the tables is stored with the checks (shown with the report) but never refuses a report
      // as it was published years ago.
      const t4 = input.tables.appeals;
      const t3 = input.tables.applications;
      checks.push(
        checkText(
          [sections.intro, ...Object.values(sections.overview), sections.problems, sections.other],
          {
            received: t3.received.total,
            closed: t3.closedTotal.total,
            reconsideration: t4.reconsideration.total,
            litigation: t4.litigationDirect.total + t4.litigationAfterReconsideration.total,
            normativeIssued: input.format === '2019' ? input.tables.proactive.normativeDocuments.made : input.tables.proactive.normativeDocuments.issued,
          },
          year,
        ),
      );
      // A real day or nothing: 2022-02-30 is refused, not stored as an instant no calendar has.
      if (record.publishedOn !== undefined && record.publishedOn !== null && (typeof record.publishedOn !== 'string' || !isValidDate(record.publishedOn))) {
        problems.push({ line, field: 'publishedOn', message: m.badPublishedOn });
        continue;
      }
      const publishedOn = typeof record.publishedOn === 'string' ? `${record.publishedOn}T00:00:00.000Z` : null;
      pending.push({
        line,
        agencyId: agency.id,
        year,
        build: async () => {
          const now = ctx.clock.now().toISOString();
          const values = {
            format: input.format,
            status: 'published' as const,
            origin: 'imported' as const,
            sectionsJson: JSON.stringify(sections),
            tablesJson: JSON.stringify(input.tables),
            checksJson: JSON.stringify(checks),
            comparisonJson: null,
            updatedAt: now,
            publishedAt: publishedOn ?? now,
            publishedBy: m.importedBy,
          };
          if (existing) await ctx.trx.updateTable('annualReports').set(values).where('id', '=', existing.id).execute();
          else
            await ctx.trx
              .insertInto('annualReports')
              .values({
                agencyId: agency.id,
                year,
                ...values,
                createdAt: now,
                reviewedAt: null,
                reviewedBy: null,
                approvedAt: null,
                approvedBy: null,
              })
              .execute();
          await recordAudit(ctx.trx, ctx.clock, {
            actor: ctx.actor,
            agencyId: agency.id,
            action: 'report.import',
            entityType: 'annual_report',
            entityId: year,
            before: existing ? { status: existing.status } : undefined,
            after: { format: input.format, tables: input.tables },
          });
        },
      });
    }
    if (problems.length > 0) return { problems, written: 0 };
    for (const p of pending) await p.build();
    return { problems, written: pending.length };
  },
};
