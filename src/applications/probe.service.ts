/**
 * The channel probe: proves the online application channel works end to end by doing what a citizen does, through
 * the portal's real HTTP stack — open the form, submit it (CSRF, multipart), read the receipt, look the case up on
 * the tracking page — and then withdraws the test application. The probe's requests carry a token derived from the
 * server secret, so the server files the application as a probe (ref TEST-…, outside the numbering, kept out of
 * the queue; never received, so never in tables 3/4, statistics or exports); the withdrawal deletes it with its log in
 * one transaction, audited, and the probe checks nothing is left. Each run is stored (channel_probes) and audited.
 */

import { canOnAgency } from '../agencies/agencies.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Config } from '../config.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import { actorName } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { randomToken } from '../shared/ids.ts';
import { serverSecret } from '../web/server-secret.ts';
import { decodeEntities, fillForm, type ParsedForm, ProbeBrowser, type ProbeResponse, type ProbeTransport, parseForms } from './probe-browser.ts';
import { PROBE_HEADER, probeToken } from './probe-token.ts';

export const PROBE_STEPS = ['form', 'submit', 'receipt', 'track', 'withdraw'] as const;
export type ProbeStep = (typeof PROBE_STEPS)[number];

export type ProbeResult = { id: number; ranAt: string; ok: boolean; failedStep: ProbeStep | null; message: string; target: string };

type Deps = { db: DbOrTrx; clock: Clock; config: Pick<Config, 'secret'> };

/** A probe application left behind by an interrupted run is swept by the next run once it is this old. */
const STALE_PROBE_MS = 10 * 60_000;

const P = t.applications.probe;

class StepFailed extends Error {}

/** What the probe types into the form: a test applicant with no real identity, and a subject unique to this run. */
function probeValues(nonce: string): Record<string, string> {
  return {
    applicantType: 'natural_person',
    name: P.applicantName,
    idType: 'other',
    idNumber: `TEST-${nonce}`,
    phone: '00000000',
    subject: P.subject(nonce),
    formWanted: 'electronic',
    wayWanted: 'online',
  };
}

/** The messages a re-rendered form shows in its error summary (first three), for the record. */
function formError(html: string): string {
  const open = /<div class="alert error"[^<>]*>/.exec(html);
  const from = open ? open.index + open[0].length : -1;
  const to = from < 0 ? -1 : html.indexOf('</div>', from);
  const summary = to < 0 ? '' : html.slice(from, to);
  const items = [...summary.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => decodeEntities((m[1] as string).slice(0, 200)));
  return items.slice(0, 3).join('；') || decodeEntities((/<strong>([^<]+)<\/strong>/.exec(summary)?.[1] ?? '').slice(0, 200));
}

function expectStatus(res: ProbeResponse, status: number, path: string): void {
  if (res.status !== status) throw new StepFailed(P.httpStatus(path, res.status));
}

function postForm(html: string, action: string): ParsedForm {
  const form = parseForms(html).find((f) => f.method === 'post' && f.action === action);
  if (!form) throw new StepFailed(P.noForm(action));
  return form;
}

/**
 * Deletes the agency's probe applications matching `match` (this run's, found by its unique subject) and any left
 * over by an interrupted run, with their log, in one transaction with an audit record each. Returns how many.
 */
export async function withdrawProbeApplications(deps: Omit<Deps, 'config'>, actor: Actor, agencyId: number, subject: string): Promise<number> {
  const stale = new Date(deps.clock.now().getTime() - STALE_PROBE_MS).toISOString();
  return inTransaction(deps.db, async (trx) => {
    const rows = await trx
      .selectFrom('applications')
      .select(['id', 'ref', 'trackingNo', 'isProbe', 'submittedAt'])
      .where('agencyId', '=', agencyId)
      .where((eb) => eb.or([eb('subject', '=', subject), eb.and([eb('isProbe', '=', 1), eb('submittedAt', '<', stale)])]))
      .execute();
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    for (const table of ['applicationEvents', 'applicationAttachments', 'applicationFees', 'applicationReminders'] as const) {
      await trx.deleteFrom(table).where('applicationId', 'in', ids).execute();
    }
    await trx.deleteFrom('applications').where('id', 'in', ids).execute();
    for (const r of rows) {
      await recordAudit(trx, deps.clock, {
        actor,
        agencyId,
        action: 'application.probe_withdrawn',
        entityType: 'application',
        entityId: r.id,
        before: { ref: r.ref, trackingNo: r.trackingNo, isProbe: r.isProbe, submittedAt: r.submittedAt },
      });
    }
    return rows.length;
  });
}

/** The steps up to the tracking page; throws StepFailed (or a transport error) at the step `at.step`. */
async function submitAndTrack(deps: Deps, agency: Agency, browser: ProbeBrowser, subjectNonce: string, at: { step: ProbeStep }): Promise<string> {
  const base = `/gk/${agency.code}`;
  const token = probeToken(await serverSecret(deps.db, deps.config), agency.code, deps.clock.now());

  at.step = 'form';
  // The form is fetched with the token: the server says whether it recognises it before anything is submitted (an
  // unrecognised probe would be filed as a real application, e.g. when this command and the server differ in secret).
  const page = await browser.get(`${base}/apply`, { [PROBE_HEADER]: token });
  expectStatus(page, 200, `${base}/apply`);
  if (page.headers[PROBE_HEADER] !== 'accepted') throw new StepFailed(P.tokenRefused);
  const form = postForm(page.body, `${base}/apply`);
  const { entries, problems } = fillForm(form, probeValues(subjectNonce));
  if (problems.length > 0) throw new StepFailed(P.formMissing(problems.join('、')));
  if (!entries.some((e) => e.name === '_csrf' && e.value)) throw new StepFailed(P.noCsrf);

  at.step = 'submit';
  const submitted = await browser.submit(form.action, form, entries, { [PROBE_HEADER]: token });
  const receiptPath = new RegExp(`^(?:https?://[^/]+)?${base}/apply/receipt/(\\d{8}-\\d{6})$`).exec(submitted.location ?? '');
  if (submitted.status !== 303 || !receiptPath) {
    const why = formError(submitted.body);
    throw new StepFailed(why ? P.refusedBecause(submitted.status, why) : P.refused(submitted.status));
  }
  const trackingNo = receiptPath[1] as string;
  const stored = await deps.db
    .selectFrom('applications')
    .select(['isProbe'])
    .where('agencyId', '=', agency.id)
    .where('trackingNo', '=', trackingNo)
    .executeTakeFirst();
  if (!stored) throw new StepFailed(P.notStored(trackingNo));
  if (stored.isProbe !== 1) throw new StepFailed(P.notMarked(trackingNo));

  at.step = 'receipt';
  const receiptUrl = `${base}/apply/receipt/${trackingNo}`;
  const receipt = await browser.get(receiptUrl);
  expectStatus(receipt, 200, receiptUrl);
  const code = /<strong class="code">([A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4})<\/strong>/.exec(receipt.body)?.[1];
  if (!receipt.body.includes(trackingNo) || !code) throw new StepFailed(P.noQueryCode);

  at.step = 'track';
  const trackPage = await browser.get(`${base}/track`);
  expectStatus(trackPage, 200, `${base}/track`);
  const trackForm = postForm(trackPage.body, `${base}/track`);
  const filled = fillForm(trackForm, { trackingNo, queryCode: code });
  if (filled.problems.length > 0) throw new StepFailed(P.formMissing(filled.problems.join('、')));
  const tracked = await browser.submit(trackForm.action, trackForm, filled.entries);
  expectStatus(tracked, 200, `${base}/track`);
  if (!tracked.body.includes(trackingNo) || !tracked.body.includes(t.applications.publicStatuses.pending)) throw new StepFailed(P.trackMismatch);
  return trackingNo;
}

/**
 * Runs the probe for an agency through `transport` (in-process inject, or HTTP to a server on the same database),
 * withdraws the test application whatever happened, checks none is left, and stores and audits the result.
 * Any member of the agency may run it, like the self-check.
 */
export async function runChannelProbe(deps: Deps, actor: Actor, agency: Agency, transport: ProbeTransport): Promise<ProbeResult> {
  if (!canOnAgency(actor, 'view-console', agency)) throw forbidden();
  const nonce = randomToken(6).replace(/[^A-Za-z0-9]/g, 'x');
  const at: { step: ProbeStep } = { step: 'form' };
  let failure: { step: ProbeStep; message: string } | null = null;
  let trackingNo: string | null = null;
  try {
    trackingNo = await submitAndTrack(deps, agency, new ProbeBrowser(transport), nonce, at);
  } catch (error) {
    failure = { step: at.step, message: error instanceof StepFailed ? error.message : P.unreachable(error instanceof Error ? error.message : String(error)) };
  }
  try {
    await withdrawProbeApplications(deps, actor, agency.id, P.subject(nonce));
    const left = await deps.db.selectFrom('applications').select('id').where('agencyId', '=', agency.id).where('subject', '=', P.subject(nonce)).execute();
    if (left.length > 0) failure ??= { step: 'withdraw', message: P.leftover(left.length) };
  } catch (error) {
    failure ??= { step: 'withdraw', message: P.withdrawFailed(error instanceof Error ? error.message : String(error)) };
  }
  const ranAt = deps.clock.now().toISOString();
  const values = {
    agencyId: agency.id,
    ranAt,
    ok: failure ? 0 : 1,
    failedStep: failure?.step ?? null,
    message: failure?.message ?? P.passed(trackingNo ?? ''),
    target: transport.target,
    actorName: actorName(actor),
  };
  return inTransaction(deps.db, async (trx) => {
    const row = await trx.insertInto('channelProbes').values(values).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: 'compliance.probe',
      entityType: 'channel_probe',
      entityId: row.id,
      after: { ok: values.ok === 1, failedStep: values.failedStep, message: values.message, target: values.target },
    });
    return { id: row.id, ranAt, ok: values.ok === 1, failedStep: values.failedStep, message: values.message, target: values.target };
  });
}

/** The agency's latest probe, or the latest of a year (by the date in China), or null when never probed. */
export async function latestProbe(db: DbOrTrx, agencyId: number, year?: number): Promise<ProbeResult | null> {
  let q = db.selectFrom('channelProbes').selectAll().where('agencyId', '=', agencyId);
  // 00:00 in China is 16:00 UTC the day before.
  if (year !== undefined) q = q.where('ranAt', '>=', `${year - 1}-12-31T16:00:00.000Z`).where('ranAt', '<', `${year}-12-31T16:00:00.000Z`);
  const row = await q.orderBy('ranAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    ranAt: row.ranAt,
    ok: row.ok === 1,
    failedStep: (row.failedStep as ProbeStep | null) ?? null,
    message: row.message,
    target: row.target,
  };
}
