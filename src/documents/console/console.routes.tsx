import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { consoleAgency } from '../../console/console.ts';
import { agencyParams, type ConsoleBase, consolePage, recordParams, validateAfterSignIn } from '../../console/console-page.tsx';
import { t } from '../../shared/i18n/zh-CN.ts';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../../web/http.ts';
import { idParam, oneOfQuery, textQuery, type ZodRoutes, zodRoutes } from '../../web/params.ts';
import type { DocumentRow } from '../document-store.ts';
import { authorize, canApprove, canEditDrafts, canReviewSecrecy } from '../documents.policy.ts';
import { approve, confirmSecrecyReview, createDraft, draftForm, sendBack, submitForReview, updateDraft } from '../documents.service.ts';
import { DOCUMENT_STATUSES } from '../documents.tables.ts';
import { registerOversightRoutes } from '../oversight/oversight.routes.tsx';
import { changeValidity, correctDocument, linkInterpretation, withdrawDocument } from '../published.service.ts';
import {
  attachmentNames,
  consoleAttachment,
  consoleDocument,
  consoleDocuments,
  documentDetail,
  documentsWaiting,
  interpretationTargets,
} from './console.queries.ts';
import { DocumentListPage, DraftFormPage, ReviewQueuePage } from './console.views.tsx';
import { acceptDocumentUploads, formList, multipartForm } from './console-forms.ts';
import { DocumentDetailPage } from './detail.views.tsx';

const STEPS = t.documents.steps;

/** The console pages of 主动公开: drafting, review, oversight lists, cleanup rounds, sensitive words, settings. */
export async function registerDocumentConsoleRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => {
    await acceptDocumentUploads(scope);
    validateAfterSignIn(scope);
    const app = zodRoutes(scope);
    documentRoutes(app);
    registerOversightRoutes(app);
  });
}

function documentRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const { db } = deps;
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/documents');

  // --- list, draft, edit ---
  const listQuery = z.object({ status: oneOfQuery(DOCUMENT_STATUSES) });
  app.get('/:agency/documents', { schema: { params: agencyParams, querystring: listQuery } }, async (request, reply) => {
    const b = await page(request, reply);
    const { status } = request.query;
    const docs = await consoleDocuments(db, b.agency.id, status);
    return sendPage(reply, <DocumentListPage {...b} docs={docs} status={status} canDraft={canEditDrafts(b.actor, b.agency.id)} />);
  });

  const draftPage = async (b: ConsoleBase, form: FormState, doc?: DocumentRow) => (
    <DraftFormPage
      {...b}
      {...(doc ? { doc } : {})}
      form={form}
      attachments={doc ? await attachmentNames(db, doc.id) : []}
      targets={await interpretationTargets(db, b.agency.id)}
    />
  );
  app.get('/:agency/documents/new', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await page(request, reply);
    authorize(canEditDrafts(b.actor, b.agency.id));
    return sendPage(reply, await draftPage(b, emptyForm({ issuingBody: b.agency.name })));
  });
  app.post('/:agency/documents/new', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const { values, files } = multipartForm(request);
    return submitForm(
      reply,
      values,
      () => createDraft(deps, b.actor, b.agency.id, values, files),
      (doc) => `/admin/${b.agency.code}/documents/${doc.id}?saved=1`,
      (form) => draftPage(b, form),
    );
  });

  app.get('/:agency/documents/:id/edit', { schema: { params: recordParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const doc = await consoleDocument(db, b.agency.id, request.params.id);
    return sendPage(reply, await draftPage(b, emptyForm(draftForm(doc)), doc));
  });
  app.post('/:agency/documents/:id/edit', { schema: { params: recordParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const doc = await consoleDocument(db, b.agency.id, request.params.id);
    const { values, files, lists } = multipartForm(request);
    const remove = (lists.removeAttachment ?? []).map(Number).filter(Number.isSafeInteger);
    return submitForm(
      reply,
      values,
      () => updateDraft(deps, b.actor, b.agency.id, doc.id, values, files, remove),
      () => `/admin/${b.agency.code}/documents/${doc.id}?saved=1`,
      (form) => draftPage(b, form, doc),
    );
  });

  // --- detail and actions ---
  const detailQuery = z.object({ saved: textQuery, done: textQuery });
  app.get('/:agency/documents/:id', { schema: { params: recordParams, querystring: detailQuery } }, async (request, reply) => {
    const b = await page(request, reply);
    const data = await documentDetail(db, b.agency.id, request.params.id);
    const { saved, done } = request.query;
    const step = Object.hasOwn(STEPS, done) ? STEPS[done as keyof typeof STEPS] : undefined;
    const notice = saved === '1' ? t.documents.admin.saved : done ? (step ?? t.documents.admin.saved) : undefined;
    return sendPage(reply, <DocumentDetailPage {...b} {...data} form={emptyForm()} notice={notice} />);
  });

  const fileParams = recordParams.extend({ att: idParam() });
  app.get('/:agency/documents/:id/files/:att', { schema: { params: fileParams } }, async (request, reply) => {
    // No page, so no CSRF token: a download sets no cookie.
    const { agency } = await consoleAgency(request as FastifyRequest<{ Params: { agency: string } }>);
    const file = await consoleAttachment(db, agency.id, request.params.id, request.params.att);
    return reply
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'private, no-store')
      .type(file.mediaType)
      .send(Buffer.from(file.content));
  });

  /** An action of the detail page; a refused input renders the page again with the messages. */
  function action(path: string, step: string, run: (b: ConsoleBase, id: number, request: FastifyRequest) => Promise<unknown>) {
    app.post(`/:agency/documents/:id/${path}`, { schema: { params: recordParams } }, async (request, reply) => {
      const b = await page(request, reply);
      const { id } = request.params;
      return submitForm(
        reply,
        formValues(request),
        () => run(b, id, request),
        () => `/admin/${b.agency.code}/documents/${id}?done=${step}`,
        async (form) => <DocumentDetailPage {...b} {...(await documentDetail(db, b.agency.id, id))} form={form} />,
      );
    });
  }
  action('submit', 'submit', (b, id) => submitForReview(deps, b.actor, b.agency.id, id));
  action('secrecy', 'secrecy_ok', (b, id, r) =>
    confirmSecrecyReview(deps, b.actor, b.agency.id, id, { checklist: formList(r, 'checklist'), comment: formValues(r).comment ?? '' }),
  );
  action('approve', 'approve', (b, id, r) => approve(deps, b.actor, b.agency.id, id, { comment: formValues(r).comment ?? '' }));
  action('send-back', 'send_back', (b, id, r) => sendBack(deps, b.actor, b.agency.id, id, formValues(r)));
  action('correct', 'correct', (b, id, r) => correctDocument(deps, b.actor, b.agency.id, id, formValues(r)));
  action('withdraw', 'withdraw', (b, id, r) => withdrawDocument(deps, b.actor, b.agency.id, id, formValues(r)));
  action('validity', 'validity', (b, id, r) => changeValidity(deps, b.actor, b.agency.id, id, formValues(r)));
  action('link', 'linked', (b, id, r) => linkInterpretation(deps, b.actor, b.agency.id, id, Number(formValues(r).documentId)));

  // --- what waits for this user: 保密审查 for reviewers, 审核 for leaders; a member with neither role sees both ---
  app.get('/:agency/review', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await consolePage(request, reply, '/review');
    const isReviewer = canReviewSecrecy(b.actor, b.agency.id);
    const isLeader = canApprove(b.actor, b.agency.id);
    const both = !isReviewer && !isLeader;
    const secrecy = isReviewer || both ? await documentsWaiting(db, b.agency.id, 'secrecy_review') : null;
    const approval = isLeader || both ? await documentsWaiting(db, b.agency.id, 'approval') : null;
    return sendPage(reply, <ReviewQueuePage {...b} secrecy={secrecy} approval={approval} />);
  });
}
