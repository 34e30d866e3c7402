import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { consoleAgency, csrfToken } from '../../admin/console.ts';
import { notFound } from '../../shared/errors.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { emptyForm, type FormState, formText, formValues, runForm, sendPage } from '../../web/http.ts';
import { registerUploads, type UploadLimits } from '../../web/uploads.ts';
import { MAX_ATTACHMENT_BYTES, type UploadedFile } from '../attachments.ts';
import { loadDocument } from '../document-store.ts';
import {
  authorize,
  canApprove,
  canEditColumnSettings,
  canEditDrafts,
  canEditSensitiveWords,
  canOpenCleanupRound,
  canReviewSecrecy,
} from '../documents.policy.ts';
import { countsByCategory } from '../documents.queries.ts';
import { approve, confirmSecrecyReview, createDraft, draftForm, sendBack, submitForReview, updateDraft } from '../documents.service.ts';
import { CATEGORIES, DOCUMENT_STATUSES, type DocumentStatus } from '../documents.tables.ts';
import {
  addSensitiveWord,
  applyCleanupRound,
  createCleanupRound,
  disclosureSettingsForm,
  getCategoryNotes,
  getCleanupRound,
  getDisclosureSettings,
  interpretationReport,
  latePublications,
  listCleanupRounds,
  listSensitiveWords,
  publishCleanupRound,
  recordCleanupDecisions,
  removeSensitiveWord,
  updateCategoryNotes,
  updateDisclosureSettings,
} from '../oversight/oversight.service.ts';
import { detectPersonalData } from '../personal-data.ts';
import { changeValidity, correctDocument, linkInterpretation, withdrawDocument } from '../published.service.ts';
import {
  CleanupListPage,
  CleanupRoundPage,
  type ConsoleBase,
  type DetailData,
  DisclosureSettingsPage,
  DocumentDetailPage,
  DocumentListPage,
  DraftFormPage,
  InterpretationsPage,
  ReviewQueuePage,
  SensitiveWordsPage,
  TimelinessPage,
} from './console.views.tsx';

// Ten files of up to 20 MB each, 64 MB in all per request (the drafting form's fields are small beside them).
const DOCUMENT_UPLOAD_LIMITS: UploadLimits = { files: 10, fileBytes: MAX_ATTACHMENT_BYTES, totalBytes: 64 * 1024 * 1024, fields: 50, fieldBytes: 1024 * 1024 };

type P = { Params: { agency: string } };
type PD = { Params: { agency: string; id: string } };

type MultipartField = { type: 'field'; fieldname: string; value: unknown } | { type: 'file'; fieldname: string; filename: string; _buf: Buffer | null };

/** The fields and files of a multipart form (the plugin has already buffered the files, within the size limit). */
function multipartForm(request: FastifyRequest): { values: Record<string, string>; files: UploadedFile[]; lists: Record<string, string[]> } {
  const body = (request.body ?? {}) as Record<string, MultipartField | MultipartField[]>;
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const files: UploadedFile[] = [];
  for (const [key, entry] of Object.entries(body)) {
    for (const part of Array.isArray(entry) ? entry : [entry]) {
      if (part.type === 'file') {
        if (part.filename && part._buf && part._buf.length > 0) files.push({ fileName: part.filename, data: part._buf });
      } else if (typeof part.value === 'string' && key !== '_csrf') {
        const value = formText(part.value);
        values[key] = value;
        lists[key] = [...(lists[key] ?? []), value];
      }
    }
  }
  return { values, files, lists };
}

/** A repeated urlencoded field (checkboxes) as a list. */
function formList(request: FastifyRequest, name: string): string[] {
  const v = (request.body as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

const idOf = (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw notFound();
  return n;
};

/** The console pages of 主动公开: drafting, review, oversight lists, cleanup rounds, sensitive words, settings. */
export async function registerDocumentConsoleRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => {
    await registerUploads(scope, DOCUMENT_UPLOAD_LIMITS, { attachFieldsToBody: true });
    // The CSRF check (a preHandler of the app) reads `_csrf` from the body; multipart gives a field object.
    scope.addHook('preValidation', async (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      const field = body?._csrf as { value?: unknown } | undefined;
      if (request.isMultipart() && body && field && typeof field === 'object' && typeof field.value === 'string') body._csrf = field.value;
    });
    await routes(scope);
  });
}

async function routes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const { db } = deps;

  async function base(request: FastifyRequest<P>, reply: FastifyReply, path: string): Promise<ConsoleBase> {
    const { actor, agency } = await consoleAgency(request);
    return { actor, agency, csrf: csrfToken(reply), currentPath: `/admin/${agency.code}${path}` };
  }

  const targetsOf = async (agencyId: number) =>
    db
      .selectFrom('documents')
      .select(['id', 'title'])
      .where('agencyId', '=', agencyId)
      .where('status', '=', 'published')
      .where('category', '!=', 'interpretation')
      .orderBy('publishedOn', 'desc')
      .limit(300)
      .execute();

  // --- list, draft, edit ---
  app.get<P & { Querystring: { status?: string } }>('/:agency/documents', async (request, reply) => {
    const b = await base(request, reply, '/documents');
    const status = DOCUMENT_STATUSES.includes(request.query.status as DocumentStatus) ? (request.query.status as DocumentStatus) : undefined;
    let q = db.selectFrom('documents').selectAll().where('agencyId', '=', b.agency.id);
    if (status) q = q.where('status', '=', status);
    const docs = await q.orderBy('updatedAt', 'desc').limit(200).execute();
    return sendPage(reply, <DocumentListPage {...b} docs={docs} status={status} canDraft={canEditDrafts(b.actor, b.agency.id)} />);
  });

  app.get<P>('/:agency/documents/new', async (request, reply) => {
    const b = await base(request, reply, '/documents');
    authorize(canEditDrafts(b.actor, b.agency.id));
    return sendPage(reply, <DraftFormPage {...b} form={emptyForm({ issuingBody: b.agency.name })} attachments={[]} targets={await targetsOf(b.agency.id)} />);
  });

  app.post<P>('/:agency/documents/new', async (request, reply) => {
    const b = await base(request, reply, '/documents');
    const { values, files } = multipartForm(request);
    const outcome = await runForm(values, () => createDraft(deps, b.actor, b.agency.id, values, files));
    if (outcome.ok) return reply.redirect(`/admin/${b.agency.code}/documents/${outcome.result.id}?saved=1`, 303);
    return sendPage(reply, <DraftFormPage {...b} form={outcome.state} attachments={[]} targets={await targetsOf(b.agency.id)} />, 400);
  });

  app.get<PD>('/:agency/documents/:id/edit', async (request, reply) => {
    const b = await base(request, reply, '/documents');
    const doc = await loadDocument(db, idOf(request.params.id), b.agency.id);
    const attachments = await db.selectFrom('attachments').select(['id', 'fileName']).where('documentId', '=', doc.id).execute();
    return sendPage(
      reply,
      <DraftFormPage {...b} doc={doc} form={emptyForm(draftForm(doc))} attachments={attachments} targets={await targetsOf(b.agency.id)} />,
    );
  });

  app.post<PD>('/:agency/documents/:id/edit', async (request, reply) => {
    const b = await base(request, reply, '/documents');
    const doc = await loadDocument(db, idOf(request.params.id), b.agency.id);
    const { values, files, lists } = multipartForm(request);
    const remove = (lists.removeAttachment ?? []).map(Number).filter(Number.isSafeInteger);
    const outcome = await runForm(values, () => updateDraft(deps, b.actor, b.agency.id, doc.id, values, files, remove));
    if (outcome.ok) return reply.redirect(`/admin/${b.agency.code}/documents/${doc.id}?saved=1`, 303);
    const attachments = await db.selectFrom('attachments').select(['id', 'fileName']).where('documentId', '=', doc.id).execute();
    return sendPage(reply, <DraftFormPage {...b} doc={doc} form={outcome.state} attachments={attachments} targets={await targetsOf(b.agency.id)} />, 400);
  });

  // --- detail and actions ---
  async function detailData(agencyId: number, id: number): Promise<DetailData> {
    const doc = await loadDocument(db, id, agencyId);
    const [attachments, steps, words, targets] = await Promise.all([
      db.selectFrom('attachments').select(['id', 'fileName', 'size', 'extractedText', 'textStatus']).where('documentId', '=', id).orderBy('id').execute(),
      db
        .selectFrom('reviewSteps')
        .select(['step', 'actorName', 'comment', 'at', 'fromStatus', 'toStatus'])
        .where('documentId', '=', id)
        .orderBy('id')
        .execute(),
      listSensitiveWords(db, agencyId),
      targetsOf(agencyId),
    ]);
    const list = words.map((w) => w.word);
    const interprets = doc.interpretsId
      ? ((await db.selectFrom('documents').select(['id', 'title']).where('id', '=', doc.interpretsId).executeTakeFirst()) ?? null)
      : null;
    return {
      doc,
      attachments,
      steps,
      findings: detectPersonalData(doc.bodyText, list),
      attachmentFindings: attachments.map((a) => ({ fileName: a.fileName, findings: detectPersonalData(a.extractedText, list) })),
      targets,
      interprets,
    };
  }

  app.get<PD & { Querystring: { saved?: string; done?: string } }>('/:agency/documents/:id', async (request, reply) => {
    const b = await base(request, reply, '/documents');
    const data = await detailData(b.agency.id, idOf(request.params.id));
    const done = request.query.done as keyof typeof t.documents.steps | undefined;
    const notice = request.query.saved === '1' ? t.documents.admin.saved : done ? (t.documents.steps[done] ?? t.documents.admin.saved) : undefined;
    return sendPage(reply, <DocumentDetailPage {...b} {...data} form={emptyForm()} notice={notice} />);
  });

  app.get<PD & { Params: { att: string } }>('/:agency/documents/:id/files/:att', async (request, reply) => {
    const { agency } = await consoleAgency(request);
    const file = await db
      .selectFrom('attachments')
      .select(['fileName', 'mediaType', 'content'])
      .where('id', '=', idOf(request.params.att))
      .where('documentId', '=', idOf(request.params.id))
      .where('agencyId', '=', agency.id)
      .executeTakeFirst();
    if (!file) throw notFound();
    return reply
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'private, no-store')
      .type(file.mediaType)
      .send(Buffer.from(file.content));
  });

  /** Runs an action from the detail page; validation failures re-render the page with the messages. */
  function action(path: string, step: string, run: (b: ConsoleBase, id: number, request: FastifyRequest) => Promise<unknown>) {
    app.post<PD>(`/:agency/documents/:id/${path}`, async (request, reply) => {
      const b = await base(request, reply, '/documents');
      const id = idOf(request.params.id);
      const values = formValues(request);
      const outcome = await runForm(values, () => run(b, id, request));
      if (outcome.ok) return reply.redirect(`/admin/${b.agency.code}/documents/${id}?done=${step}`, 303);
      const data = await detailData(b.agency.id, id);
      return sendPage(reply, <DocumentDetailPage {...b} {...data} form={outcome.state} />, 400);
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

  // --- queues and oversight lists ---
  app.get<P>('/:agency/review', async (request, reply) => {
    const b = await base(request, reply, '/review');
    const of = (status: DocumentStatus) =>
      db.selectFrom('documents').selectAll().where('agencyId', '=', b.agency.id).where('status', '=', status).orderBy('updatedAt').limit(200).execute();
    // Each role sees what waits for it; a member with neither role sees both lists.
    const isReviewer = canReviewSecrecy(b.actor, b.agency.id);
    const isLeader = canApprove(b.actor, b.agency.id);
    const both = !isReviewer && !isLeader;
    return sendPage(
      reply,
      <ReviewQueuePage {...b} secrecy={isReviewer || both ? await of('secrecy_review') : null} approval={isLeader || both ? await of('approval') : null} />,
    );
  });

  app.get<P>('/:agency/interpretations', async (request, reply) => {
    const b = await base(request, reply, '/interpretations');
    const report = await interpretationReport(db, b.agency.id);
    return sendPage(reply, <InterpretationsPage {...b} lagDays={report.lagDays} items={report.items} />);
  });

  app.get<P & { Querystring: { year?: string } }>('/:agency/timeliness', async (request, reply) => {
    const b = await base(request, reply, '/timeliness');
    const year = /^\d{4}$/.test(request.query.year ?? '') ? Number(request.query.year) : Number(deps.clock.today().slice(0, 4));
    return sendPage(reply, <TimelinessPage {...b} year={year} items={await latePublications(db, b.agency.id, year)} />);
  });

  // --- cleanup rounds ---
  const cleanupList = async (b: ConsoleBase, form: FormState, status = 200, reply?: FastifyReply) =>
    sendPage(
      reply as FastifyReply,
      <CleanupListPage {...b} rounds={await listCleanupRounds(db, b.agency.id)} form={form} canCreate={canOpenCleanupRound(b.actor, b.agency.id)} />,
      status,
    );
  app.get<P>('/:agency/cleanup', async (request, reply) => cleanupList(await base(request, reply, '/cleanup'), emptyForm(), 200, reply));
  app.post<P>('/:agency/cleanup', async (request, reply) => {
    const b = await base(request, reply, '/cleanup');
    const values = formValues(request);
    const outcome = await runForm(values, () => createCleanupRound(deps, b.actor, b.agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${b.agency.code}/cleanup/${outcome.result.id}`, 303);
    return cleanupList(b, outcome.state, 400, reply);
  });

  const roundPage = async (b: ConsoleBase, id: number, form: FormState, reply: FastifyReply, status = 200) => {
    const { round, items } = await getCleanupRound(db, b.agency.id, id);
    return sendPage(reply, <CleanupRoundPage {...b} round={round} items={items} form={form} />, status);
  };
  app.get<PD>('/:agency/cleanup/:id', async (request, reply) => roundPage(await base(request, reply, '/cleanup'), idOf(request.params.id), emptyForm(), reply));
  function roundAction(path: string, run: (b: ConsoleBase, id: number, values: Record<string, string>) => Promise<unknown>) {
    app.post<PD>(`/:agency/cleanup/:id/${path}`, async (request, reply) => {
      const b = await base(request, reply, '/cleanup');
      const id = idOf(request.params.id);
      const values = formValues(request);
      const outcome = await runForm(values, () => run(b, id, values));
      if (outcome.ok) return reply.redirect(`/admin/${b.agency.code}/cleanup/${id}`, 303);
      return roundPage(b, id, outcome.state, reply, 400);
    });
  }
  roundAction('decisions', (b, id, values) => {
    const decisions = Object.entries(values)
      .filter(([k, v]) => k.startsWith('decision_') && v)
      .map(([k, v]) => ({ documentId: Number(k.slice(9)), decision: v, note: values[`note_${k.slice(9)}`] }));
    return recordCleanupDecisions(deps, b.actor, b.agency.id, id, { decisions });
  });
  roundAction('apply', (b, id, values) => applyCleanupRound(deps, b.actor, b.agency.id, id, values));
  roundAction('publish', (b, id) => publishCleanupRound(deps, b.actor, b.agency.id, id));

  // --- sensitive words ---
  const wordsPage = async (b: ConsoleBase, form: FormState, reply: FastifyReply, status = 200) =>
    sendPage(
      reply,
      <SensitiveWordsPage {...b} words={await listSensitiveWords(db, b.agency.id)} form={form} canEdit={canEditSensitiveWords(b.actor, b.agency.id)} />,
      status,
    );
  app.get<P>('/:agency/sensitive-words', async (request, reply) => wordsPage(await base(request, reply, '/sensitive-words'), emptyForm(), reply));
  app.post<P>('/:agency/sensitive-words', async (request, reply) => {
    const b = await base(request, reply, '/sensitive-words');
    const values = formValues(request);
    const outcome = await runForm(values, () => addSensitiveWord(deps, b.actor, b.agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${b.agency.code}/sensitive-words`, 303);
    return wordsPage(b, outcome.state, reply, 400);
  });
  app.post<PD>('/:agency/sensitive-words/:id/delete', async (request, reply) => {
    const b = await base(request, reply, '/sensitive-words');
    await removeSensitiveWord(deps, b.actor, b.agency.id, idOf(request.params.id));
    return reply.redirect(`/admin/${b.agency.code}/sensitive-words`, 303);
  });

  // --- column settings ---
  async function settingsPage(b: ConsoleBase, reply: FastifyReply, forms: { form?: FormState; notesForm?: FormState }, saved: boolean, status = 200) {
    authorize(canEditColumnSettings(b.actor, b.agency.id));
    const [s, notes, counts] = await Promise.all([
      getDisclosureSettings(db, b.agency.id),
      getCategoryNotes(db, b.agency.id),
      countsByCategory(db, b.agency.id),
    ]);
    const form = forms.form ?? emptyForm(disclosureSettingsForm(s));
    const notesForm = forms.notesForm ?? emptyForm(Object.fromEntries(CATEGORIES.map((c) => [`note_${c}`, notes.get(c) ?? ''])));
    return sendPage(reply, <DisclosureSettingsPage {...b} form={form} notesForm={notesForm} counts={counts} saved={saved} />, status);
  }
  app.get<P & { Querystring: { saved?: string } }>('/:agency/disclosure-settings', async (request, reply) =>
    settingsPage(await base(request, reply, '/disclosure-settings'), reply, {}, request.query.saved === '1'),
  );
  app.post<P>('/:agency/disclosure-settings', async (request, reply) => {
    const b = await base(request, reply, '/disclosure-settings');
    const values = formValues(request);
    const outcome = await runForm(values, () => updateDisclosureSettings(deps, b.actor, b.agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${b.agency.code}/disclosure-settings?saved=1`, 303);
    return settingsPage(b, reply, { form: outcome.state }, false, 400);
  });
  app.post<P>('/:agency/disclosure-settings/notes', async (request, reply) => {
    const b = await base(request, reply, '/disclosure-settings');
    const values = formValues(request);
    const outcome = await runForm(values, () => updateCategoryNotes(deps, b.actor, b.agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${b.agency.code}/disclosure-settings?saved=1#category-notes`, 303);
    return settingsPage(b, reply, { notesForm: outcome.state }, false, 400);
  });
}
