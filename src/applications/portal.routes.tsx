import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findAgencyByCode, getAgencyByCode } from '../agencies/agencies.service.ts';
import { asDomainError } from '../db/faults.ts';
import type { Agency } from '../db/schema.ts';
import { DomainError, httpStatusOf, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { emptyForm, type FormState, formValues, sendPage } from '../web/http.ts';
import { agencyCodeParam, type ZodRoutes, zodRoutes } from '../web/params.ts';
import { serverSecret } from '../web/server-secret.ts';
import { registerUploads } from '../web/uploads.ts';
import { publicAnswerDownloads } from './answer-files.queries.ts';
import { applicantToken } from './applicant-token.ts';
import { submitOnlineApplication } from './applications.service.ts';
import { APPLICATION_UPLOAD_LIMITS, type UploadedFile } from './attachments.ts';
import { normalizeTrackingNo } from './codes.ts';
import { type HeldSet, holdUploads, removedHeldIds } from './held-uploads.ts';
import { challengeNeeded, type IntakeClient, newChallenge } from './intake-throttle.ts';
import { letterPortalRoutes, sendPdf } from './letter.routes.tsx';
import { ApplyPage, ReceiptPage, TrackPage } from './portal.views.tsx';
import { isValidProbeToken, PROBE_HEADER } from './probe-token.ts';
import { loadReceipt, receiptDocument } from './receipt.ts';
import { trackApplication } from './tracking.service.ts';

const RECEIPT_COOKIE = 'gk_receipt';
const RECEIPT_MAX_AGE_S = 30 * 60;

/** A file part read into memory (up to the size limit; `truncated` says it was cut) and put on the body. */
export async function onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  const file: UploadedFile = { filename: part.filename, data: Buffer.concat(chunks), truncated: part.file.truncated };
  (part as unknown as { value: UploadedFile }).value = file;
}

/** The uploaded files of a multipart body (the parser puts a single file as a value, several as a list). */
export function uploadsOf(request: FastifyRequest): UploadedFile[] {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const raw = body.attachments;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((f): f is UploadedFile => typeof f === 'object' && f !== null && 'data' in f);
}

/** A submitter's own receipt: the query code is shown from a signed cookie only they hold, for half an hour. */
function receiptCode(request: FastifyRequest, trackingNo: string): string | null {
  const raw = request.cookies[RECEIPT_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const [no, code] = unsigned.value.split('|');
  return no === trackingNo && code ? code : null;
}

/** True when the request carries a valid channel-probe token for the agency (its application is a test, withdrawn after). */
async function isProbeRequest(request: FastifyRequest, agencyCode: string): Promise<boolean> {
  const header = request.headers[PROBE_HEADER];
  if (typeof header !== 'string') return false;
  const { db, config, clock } = request.server.deps;
  return isValidProbeToken(await serverSecret(db, config), agencyCode, header, clock.now());
}

/** The public routes of 依申请公开: the online form (multipart, with attachments), the receipt, and tracking. */
export async function registerApplicationPortalRoutes(parent: FastifyInstance): Promise<void> {
  await parent.register(async (scope) => portalRoutes(zodRoutes(scope)));
}

const codeParams = z.object({ code: agencyCodeParam });

async function portalRoutes(app: ZodRoutes): Promise<void> {
  const deps = app.deps;

  await app.register(async (parent) => {
    const scope = zodRoutes(parent);
    // Multipart only here: fields land on the body before the CSRF check reads `_csrf`; every upload limit is set.
    await registerUploads(scope, APPLICATION_UPLOAD_LIMITS, { attachFieldsToBody: 'keyValues', onFile, throwFileSizeLimit: false });

    /** Who submits: the client address, the form's limits and the key their counters are digested with. */
    const clientOf = async (request: FastifyRequest): Promise<IntakeClient> => ({
      ip: request.ip,
      limits: deps.config.applyLimits,
      secret: await serverSecret(deps.db, deps.config),
    });

    const renderApply = async (request: FastifyRequest, reply: FastifyReply, code: string, form: FormState, status = 200, known?: Agency, held?: HeldSet) => {
      const agency = known ?? (await getAgencyByCode(deps.db, code));
      const client = await clientOf(request);
      const now = deps.clock.now();
      // A fresh question whenever the address owes one (an answered or failed question is never shown again).
      const challenge = (await challengeNeeded(deps.db, client, now)) ? newChallenge(client.secret, now) : undefined;
      reply.header('cache-control', 'no-store');
      return sendPage(
        reply,
        <ApplyPage agency={agency} csrf={reply.generateCsrf()} form={form} elder={request.elder} challenge={challenge} held={held} />,
        status,
      );
    };

    scope.get('/gk/:code/apply', { schema: { params: codeParams } }, async (request, reply) => {
      // The channel probe asks first whether its token is recognised (see applications/probe.service.ts).
      if (await isProbeRequest(request, request.params.code)) reply.header(PROBE_HEADER, 'accepted');
      return renderApply(request, reply, request.params.code, emptyForm());
    });

    scope.post('/gk/:code/apply', { schema: { params: codeParams } }, async (request, reply) => {
      const agency = await getAgencyByCode(deps.db, request.params.code);
      const { heldToken, ...values } = formValues(request);
      const heldRef = { token: heldToken, removed: removedHeldIds(values) };
      for (const id of heldRef.removed) delete values[`removeHeld-${id}`];
      try {
        const probe = await isProbeRequest(request, agency.code);
        const client = await clientOf(request);
        const result = await submitOnlineApplication(deps, request.actor, agency, values, uploadsOf(request), { probe, client, held: heldRef });
        reply.setCookie(RECEIPT_COOKIE, `${result.trackingNo}|${result.queryCode}`, {
          path: `/gk/${agency.code}/apply/receipt/`,
          httpOnly: true,
          sameSite: 'lax',
          signed: true,
          secure: deps.config.secureCookies,
          maxAge: RECEIPT_MAX_AGE_S,
        });
        return reply.redirect(`/gk/${agency.code}/apply/receipt/${result.trackingNo}`, 303);
      } catch (caught) {
        // The database busy or down: the form comes back as typed (files must be chosen again), nothing was stored.
        const error = asDomainError(caught);
        if (error instanceof DomainError && error.code === 'UNAVAILABLE') {
          return renderApply(request, reply, agency.code, { values, message: t.errors.busyFormFiles, fields: {} }, 503, agency);
        }
        if (!(error instanceof DomainError) || (error.code !== 'VALIDATION' && error.code !== 'THROTTLED')) throw caught;
        // Refused, the form comes back with what the person typed, and the files that passed their checks are held.
        const fields = error.code === 'THROTTLED' ? {} : error.fields;
        const client = await clientOf(request);
        const held = await holdUploads(
          deps.db,
          { agencyId: agency.id, ip: client.ip, secret: client.secret },
          { ...heldRef, uploads: uploadsOf(request) },
          deps.clock.now(),
        );
        return renderApply(request, reply, agency.code, { values, message: error.message, fields }, error.code === 'THROTTLED' ? 429 : 400, agency, held);
      }
    });
  });

  const receiptParams = codeParams.extend({ trackingNo: z.string() });
  /** The receipt of the URL's application: the submitter (receipt cookie) sees the subject, files and dates too. */
  const receiptOf = async (request: FastifyRequest, params: z.infer<typeof receiptParams>) => {
    const agency = await getAgencyByCode(deps.db, params.code);
    const trackingNo = normalizeTrackingNo(params.trackingNo);
    const receipt = trackingNo ? await loadReceipt(deps.db, agency, trackingNo, receiptCode(request, trackingNo)) : null;
    if (!receipt) throw notFound();
    return { agency, receipt };
  };
  app.get('/gk/:code/apply/receipt/:trackingNo', { schema: { params: receiptParams } }, async (request, reply) => {
    const { agency, receipt } = await receiptOf(request, request.params);
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <ReceiptPage agency={agency} receipt={receipt} elder={request.elder} />);
  });
  // The same receipt as PDF (under the cookie's path, so the submitter's PDF carries what their page shows).
  app.get('/gk/:code/apply/receipt/:trackingNo/pdf', { schema: { params: receiptParams } }, async (request, reply) => {
    const { agency, receipt } = await receiptOf(request, request.params);
    return sendPdf(reply, receiptDocument(agency, receipt), deps.config.pdfFontDir, `回执-${receipt.trackingNo}.pdf`, deps.clock.now());
  });
  letterPortalRoutes(app);

  const trackAgency = async (code: string | undefined) => {
    if (code === undefined) return undefined;
    const agency = await findAgencyByCode(deps.db, code);
    if (!agency) throw notFound();
    return agency;
  };

  const trackGet = async (request: FastifyRequest, reply: FastifyReply) => {
    const agency = await trackAgency((request.params as { code?: string }).code);
    return sendPage(reply, <TrackPage agency={agency} csrf={reply.generateCsrf()} form={emptyForm()} elder={request.elder} />);
  };
  const trackPost = async (request: FastifyRequest, reply: FastifyReply) => {
    const agency = await trackAgency((request.params as { code?: string }).code);
    const values = formValues(request);
    reply.header('cache-control', 'no-store');
    try {
      const result = await trackApplication(deps, {
        trackingNo: values.trackingNo ?? '',
        queryCode: values.queryCode ?? '',
        ip: request.ip,
        agencyCode: agency?.code,
      });
      const form = emptyForm({ trackingNo: result.trackingNo });
      const published = await deps.registries.publishedOfCase(deps.db, result.trackingNo);
      // The applicant's passes: answering a 补正 online while one is awaited; the answer's files and letter as PDF.
      const secret = await serverSecret(deps.db, deps.config);
      const now = deps.clock.now();
      const correction = result.status === 'awaiting_correction' ? { token: applicantToken(secret, 'correction', result.applicationId, now) } : undefined;
      const files = await publicAnswerDownloads(deps, result.trackingNo, secret);
      const letterPdf = result.answerDocument
        ? `/track/letter.pdf?token=${encodeURIComponent(applicantToken(secret, 'download', result.applicationId, now))}`
        : undefined;
      const page = (
        <TrackPage
          agency={agency}
          csrf={reply.generateCsrf()}
          form={form}
          result={result}
          published={published}
          answerFiles={files}
          letterPdf={letterPdf}
          elder={request.elder}
          correction={correction}
        />
      );
      return sendPage(reply, page);
    } catch (caught) {
      const error = asDomainError(caught);
      if (!(error instanceof DomainError) || !['VALIDATION', 'THROTTLED', 'UNAVAILABLE'].includes(error.code)) throw caught;
      const message = error.code === 'UNAVAILABLE' ? t.errors.busyForm : (error.fields._ ?? error.message);
      // The query code is a secret: typed again, never echoed into the page.
      const form: FormState = { values: { trackingNo: values.trackingNo ?? '' }, message, fields: error.fields };
      return sendPage(reply, <TrackPage agency={agency} csrf={reply.generateCsrf()} form={form} elder={request.elder} />, httpStatusOf(error.code));
    }
  };
  app.get('/track', trackGet);
  app.post('/track', trackPost);
  app.get('/gk/:code/track', { schema: { params: codeParams } }, trackGet);
  app.post('/gk/:code/track', { schema: { params: codeParams } }, trackPost);
}
