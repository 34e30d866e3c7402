// The documents-side self-check indicators (issue 7) on one agency with 10,000 published documents
// (BENCH_CHECK_DOCS): bodies of generated text with three links each (two internal, one external), every fifth
// document with an attachment holding extracted text. Median time of 3 runs of each indicator on SQLite, and on
// PostgreSQL when TEST_DATABASE_URL is set.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createAgency } from '../src/agencies/agencies.service.ts';
import { loadWorkCalendar } from '../src/calendar/calendar.service.ts';
import { findingsOf } from '../src/compliance/indicator.ts';
import { catalogueIndicator, emptyCategoriesIndicator, guideIndicator } from '../src/compliance/indicators/column.ts';
import { linksIndicator, personalDataIndicator, validityIndicator } from '../src/compliance/indicators/documents.ts';
import type { Category } from '../src/documents/documents.tables.ts';
import { bodyText, seededRandom, titleFor } from '../src/documents/sample-text.ts';
import { htmlToText, textToHtml } from '../src/documents/sanitize.ts';
import { systemActor } from '../src/shared/actor.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { createTestDatabase, DIALECTS } from '../test/support/db.ts';
import { type BenchResult, printResult } from './support.ts';

const CATS: Category[] = ['news', 'policy', 'meeting', 'statistics', 'normative', 'enforcement', 'interpretation'];

export async function run(N = Number(process.env.BENCH_CHECK_DOCS ?? 10_000)): Promise<BenchResult> {
  const figures: Record<string, number | string> = { documents: N };
  for (const dialect of DIALECTS) {
    const tdb = await createTestDatabase(dialect);
    try {
      const clock = fixedClock('2024-09-27T02:00:00Z');
      const agency = await createAgency({ db: tdb.db, clock }, systemActor(), { code: 'bench', name: '基准机关', kind: 'department' });
      const rng = seededRandom(7);
      const now = clock.now().toISOString();
      const started = Date.now();
      for (let i = 0; i < N; i += 200) {
        const rows = [];
        for (let j = i; j < Math.min(N, i + 200); j++) {
          const category = CATS[j % CATS.length] as Category;
          const links = `<p>参见<a href="/gk/bench/d/${1 + Math.floor(rng() * N)}">相关文件</a>、<a href="/gk/bench/c/${category}">${category}</a>、<a href="https://www.gov.cn/zhengce/${j}">政策</a>。</p>`;
          const html = textToHtml(bodyText(rng, 16 + Math.floor(rng() * 8))) + links;
          rows.push({
            agencyId: agency.id,
            ref: `B-${j}`,
            indexNo: `IDX-${j}`,
            title: titleFor(rng, category, 2024, j),
            docNo: null,
            issuingBody: '基准机关',
            category,
            topic: null,
            issuedOn: '2024-03-01',
            publishedOn: '2024-03-04',
            bodyHtml: html,
            bodyText: htmlToText(html),
            validity: category === 'normative' ? ('in_force' as const) : null,
            validityChangedOn: null,
            status: 'published' as const,
            version: 1,
            interpretsId: null,
            interpretationForm: null,
            withdrawnReason: null,
            withdrawnOn: null,
            createdBy: 'bench',
            createdAt: now,
            updatedAt: now,
          });
        }
        const ids = await tdb.db.insertInto('documents').values(rows).returning('id').execute();
        const atts = ids
          .filter((_, k) => k % 5 === 0)
          .map(({ id }) => {
            const text = bodyText(rng, 8);
            const content = Buffer.from(`%PDF-1.4 ${text}`);
            return {
              agencyId: agency.id,
              documentId: id,
              fileName: `附件${id}.pdf`,
              mediaType: 'application/pdf',
              size: content.length,
              sha256: createHash('sha256').update(content).digest('hex'),
              content,
              extractedText: text,
              createdAt: now,
            };
          });
        if (atts.length) await tdb.db.insertInto('attachments').values(atts).execute();
      }
      const avg = await tdb.db
        .selectFrom('documents')
        .select((eb) => eb.fn.avg<number>(eb.fn('length', ['bodyHtml'])).as('a'))
        .executeTakeFirstOrThrow();
      figures[`${dialect} generated (s)`] = Number(((Date.now() - started) / 1000).toFixed(1));
      figures['average body (chars)'] = Math.round(Number(avg.a));
      const ctx = { db: tdb.db, agency, year: 2024, today: clock.today(), calendar: await loadWorkCalendar(tdb.db), publicUrl: 'https://gk.example.gov.cn' };
      for (const indicator of [guideIndicator, catalogueIndicator, emptyCategoriesIndicator, validityIndicator, linksIndicator, personalDataIndicator]) {
        const times: number[] = [];
        let findings = 0;
        for (let r = 0; r < 3; r++) {
          const t0 = performance.now();
          findings = findingsOf(await indicator.run(ctx)).length;
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        figures[`${dialect} ${indicator.code} (ms)`] = Math.round(times[1] ?? 0);
        figures[`${dialect} ${indicator.code} findings`] = findings;
      }
    } finally {
      await tdb.cleanup();
    }
  }
  return { name: 'self-check indicators over the column and the published documents', figures };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printResult(await run());
