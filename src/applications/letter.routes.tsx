/** The answer letter: the console's letter page and PDF, and the applicant's (redacted) PDF from the tracking page. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { agencyParams, consoleMember, consolePage, recordParams } from '../console/console-page.tsx';
import { forbidden, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { sendPage } from '../web/http.ts';
import type { OfficialDocument } from '../web/official-document.tsx';
import { workYearQuery, type ZodRoutes } from '../web/params.ts';
import { renderPdf } from '../web/pdf.ts';
import { serverSecret } from '../web/server-secret.ts';
import { applicationOfToken } from './applicant-token.ts';
import { can } from './applications.policy.ts';
import { findApplication } from './applications.repo.ts';
import { caseLetterDocument } from './letter.queries.ts';
import { LetterPage } from './letter.views.tsx';
import { redactDocument } from './letter-model.ts';
import { letterRegisterCsv } from './letter-register.ts';
import { redactPersonalData } from './letters.ts';
import { personalDataOf } from './tracking.service.ts';

/** Sends a PDF to be shown in the browser and saved under `filename`; personal, so never cached. */
export async function sendPdf(reply: FastifyReply, doc: OfficialDocument, fontDir: string, filename: string, created: Date): Promise<FastifyReply> {
  const pdf = await renderPdf(doc, fontDir, { created });
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(pdf);
}

/** Console: the letter page (with the applicant's name, for posting) and the same letter as PDF. */
export function letterConsoleRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const load = async (actor: Parameters<typeof can>[0], agency: { id: number; name: string }, id: number) => {
    if (!can(actor, 'view', agency.id)) throw forbidden();
    const row = await findApplication(deps.db, agency.id, id);
    const doc = row ? await caseLetterDocument(deps.db, agency, row, deps.clock.today()) : null;
    if (!row || !doc) throw notFound();
    return { row, doc };
  };
  app.get('/:agency/applications/:id/letter', { schema: { params: recordParams } }, async (request, reply) => {
    const b = await consolePage(request, reply, '/applications');
    const { row, doc } = await load(b.actor, b.agency, request.params.id);
    return sendPage(reply, <LetterPage {...b} ref={row.ref} doc={doc} id={row.id} />);
  });
  // The 答复书登记簿 of a year (default: this year in China), each letter whole.
  app.get('/:agency/applications/letters.csv', { schema: { params: agencyParams, querystring: z.object({ year: workYearQuery }) } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    if (!can(actor, 'view', agency.id)) throw forbidden();
    const today = deps.clock.today();
    const year = request.query.year ?? Number(today.slice(0, 4));
    const csv = await letterRegisterCsv(deps.db, agency, year, today);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(t.applications.register.filename(agency.code, year))}`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  });
  app.get('/:agency/applications/:id/letter.pdf', { schema: { params: recordParams } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    const { row, doc } = await load(actor, agency, request.params.id);
    return sendPdf(reply, doc, deps.config.pdfFontDir, `答复书-${row.ref}.pdf`, deps.clock.now());
  });
}

/** Public: the answer letter as PDF for the holder of a 'download' pass from the tracking page; redacted as the page is. */
export function letterPortalRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  app.get('/track/letter.pdf', { schema: { querystring: z.object({ token: z.string().max(200).optional() }) } }, async (request, reply) => {
    const secret = await serverSecret(deps.db, deps.config);
    const id = applicationOfToken(secret, 'download', request.query.token, deps.clock.now());
    if (id === null) throw notFound();
    const row = await deps.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
    // Only an answer that was sent is the applicant's to see (as on the tracking page).
    if (row?.status !== 'closed' || !row.trackingNo) throw notFound();
    const agency = await deps.db.selectFrom('agencies').select(['id', 'name']).where('id', '=', row.agencyId).executeTakeFirstOrThrow();
    const doc = await caseLetterDocument(deps.db, agency, row, deps.clock.today());
    if (!doc) throw notFound();
    const redacted = redactDocument(doc, (s) => redactPersonalData(s, personalDataOf(row)));
    return sendPdf(reply, redacted, deps.config.pdfFontDir, `答复书-${row.trackingNo}.pdf`, deps.clock.now());
  });
}
