/** The public pages of 依申请公开: the application form with the guide beside it, the receipt, the tracking page. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../db/schema.ts';
import { agencyNav } from '../portal/nav.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CheckboxField, Crumbs, CsrfField, Field, FormErrors, Section } from '../web/components.tsx';
import type { FormState } from '../web/http.ts';
import { PortalLayout } from '../web/layout.tsx';
import { OfficialDocumentView } from '../web/official-document.tsx';
import type { PublicAnswerDownloads } from './answer-files.queries.ts';
import { AnswerDownloadsSection } from './answer-files.views.tsx';
import { CorrectionForm, CorrectionWays } from './correction.views.tsx';
import { ContactFields, IdentityFields, RequestFields } from './form-fields.tsx';
import type { HeldSet } from './held-uploads.ts';
import { DroppedFilesNotice, HeldFilesField } from './held-uploads.views.tsx';
import type { Challenge } from './intake-throttle.ts';
import { PublishedAsSection, type PublishedDocumentLink } from './published-of-case.tsx';
import { type ReceiptFacts, receiptLines } from './receipt.ts';
import type { PublicCaseView } from './tracking.service.ts';

const A = t.applications;
const P = A.portal;

const orNone = (v: string | null) => v ?? t.portal.notProvided;

/** The agency's contact facts from its 公开指南, where an application may also be sent. */
function GuideFacts({ agency }: { agency: Agency }): SafeHtml {
  return (
    <dl class="facts">
      <dt>{t.portal.officeName}</dt>
      <dd>{orNone(agency.officeName)}</dd>
      <dt>{t.portal.address}</dt>
      <dd>{orNone(agency.address)}</dd>
      <dt>{t.portal.officeHours}</dt>
      <dd>{orNone(agency.officeHours)}</dd>
      <dt>{t.portal.phone}</dt>
      <dd>{orNone(agency.phone)}</dd>
      <dt>{t.portal.fax}</dt>
      <dd>{orNone(agency.fax)}</dd>
      <dt>{t.portal.email}</dt>
      <dd>{orNone(agency.email)}</dd>
      <dt>{t.portal.postcode}</dt>
      <dd>{orNone(agency.postcode)}</dd>
    </dl>
  );
}

/** The application form of 第二十九条, with the guide beside it; re-renders with messages beside the wrong fields. */
/** The public form; `challenge`: the question asked of an address that has filed several applications this hour. */
export function ApplyPage(p: {
  agency: Agency;
  csrf: string;
  form: FormState;
  elder: boolean;
  challenge?: Challenge | undefined;
  /** Files held from the refused submission (and those that could not be kept). */
  held?: HeldSet | undefined;
}): SafeHtml {
  const v = p.form.values;
  const e = p.form.fields;
  const base = `/gk/${p.agency.code}`;
  return (
    <PortalLayout title={P.applyTitle} agency={p.agency} nav={agencyNav(p.agency.code)} currentPath={`${base}/apply`} elder={p.elder}>
      <Crumbs items={[{ label: t.site.home, href: '/' }, { label: p.agency.name, href: `${base}/` }, { label: P.applyTitle }]} />
      <div class="grid-2">
        <section class="card" aria-labelledby="apply-title">
          <h1 id="apply-title">{P.applyTitle}</h1>
          <p class="muted">{P.applyLead}</p>
          <FormErrors message={p.form.message} fields={e} />
          <DroppedFilesNotice held={p.held} />
          <form method="post" action={`${base}/apply`} enctype="multipart/form-data" class="stack" novalidate>
            <CsrfField token={p.csrf} />
            <fieldset>
              <legend>{P.applicantSection}</legend>
              <IdentityFields values={v} errors={e} autofill />
            </fieldset>
            <fieldset>
              <legend>{P.contactSection}</legend>
              <ContactFields values={v} errors={e} autofill />
              <CheckboxField
                name="mailQueryCode"
                label={t.notifications.mailQueryCode}
                hint={t.notifications.mailQueryCodeHint}
                checked={v.mailQueryCode === 'on'}
              />
            </fieldset>
            <fieldset>
              <legend>{P.requestSection}</legend>
              <RequestFields values={v} errors={e} />
              <HeldFilesField held={p.held} />
            </fieldset>
            {p.challenge ? (
              <fieldset>
                <legend>{A.throttle.challengeLegend}</legend>
                <p class="muted">{A.throttle.challengeLead}</p>
                <input type="hidden" name="challenge" value={p.challenge.token} />
                <Field
                  name="challengeAnswer"
                  label={p.challenge.question}
                  error={e.challengeAnswer}
                  inputmode="numeric"
                  autocomplete="off"
                  maxlength={3}
                  required
                />
              </fieldset>
            ) : null}
            <div class="btn-row">
              <button class="btn" type="submit">
                {P.submit}
              </button>
            </div>
          </form>
        </section>
        <div>
          <Section title={P.guideTitle} id="guide">
            <ol class="notes">
              {P.guideNotes.map((n) => (
                <li>{n}</li>
              ))}
            </ol>
          </Section>
          <Section title={t.portal.contact} id="contact">
            <p class="muted">{P.otherWays}</p>
            <GuideFacts agency={p.agency} />
          </Section>
        </div>
      </div>
    </PortalLayout>
  );
}

/** The receipt (回执): the lines of the receipt model (the PDF has the same), the query code once; printable and as PDF. */
export function ReceiptPage(p: { agency: Agency; receipt: ReceiptFacts; elder: boolean }): SafeHtml {
  const base = `/gk/${p.agency.code}`;
  const mine = p.receipt.mine;
  return (
    <PortalLayout title={P.receiptTitle} agency={p.agency} nav={agencyNav(p.agency.code)} currentPath={`${base}/apply`} elder={p.elder}>
      <Crumbs items={[{ label: t.site.home, href: '/' }, { label: p.agency.name, href: `${base}/` }, { label: P.receiptTitle }]} />
      <section class="card receipt" aria-labelledby="receipt-title">
        <h1 id="receipt-title">{P.receiptTitle}</h1>
        {mine ? <Alert kind="ok">{P.receiptOk}</Alert> : null}
        <dl class="facts">
          {receiptLines(p.agency, p.receipt).map((l) => (
            <>
              <dt>{l.label}</dt>
              <dd>{l.label === A.tracking.trackingNo || l.label === A.tracking.queryCode ? <strong class="code">{l.value}</strong> : l.value}</dd>
            </>
          ))}
        </dl>
        {mine?.provisional ? <Alert kind="warn">{A.receiptDoc.provisional}</Alert> : null}
        <p class={mine ? 'notice-strong' : 'muted'}>{mine ? P.receiptCodeNote : P.receiptCodeGone}</p>
        <div class="btn-row no-print">
          <button type="button" class="btn secondary" data-print>
            {P.print}
          </button>
          <a class="btn secondary" href={`${base}/apply/receipt/${p.receipt.trackingNo}/pdf`}>
            {A.receiptDoc.pdf}
          </a>
          <a class="btn" href={`${base}/track`}>
            {P.trackLink}
          </a>
        </div>
      </section>
      <script src="/assets/print.js" defer />
    </PortalLayout>
  );
}

/** One notice addressed to the applicant. */
function NoticeBlock({ n }: { n: PublicCaseView['notices'][number] }): SafeHtml {
  return (
    <article class="notice" aria-labelledby={`notice-${n.kind}-${n.date}`}>
      <h3 id={`notice-${n.kind}-${n.date}`}>
        {n.title} <span class="muted">{n.date}</span>
      </h3>
      <p>{n.text}</p>
      {n.items.length > 0 ? (
        <ol>
          {n.items.map((i) => (
            <li>{i}</li>
          ))}
        </ol>
      ) : null}
      {n.after ? <p>{n.after}</p> : null}
      <CorrectionWays ways={n.ways} />
    </article>
  );
}

/** The applicant's pass for the 补正 form, and the form as last submitted when it came back with messages. */
type CorrectionState = { token: string; form?: FormState | undefined };

/** What the applicant sees of their case. */
function TrackResult({
  r,
  csrf,
  correction,
  files,
  letterPdf,
}: {
  r: PublicCaseView;
  csrf: string;
  correction?: CorrectionState | undefined;
  files?: PublicAnswerDownloads | null | undefined;
  letterPdf?: string | undefined;
}): SafeHtml {
  const T = A.tracking;
  return (
    <>
      <Section title={T.resultTitle} id="result">
        <dl class="facts">
          <dt>{T.trackingNo}</dt>
          <dd>
            <strong class="code">{r.trackingNo}</strong>
          </dd>
          <dt>{T.agency}</dt>
          <dd>{r.agency.name}</dd>
          <dt>{T.status}</dt>
          <dd>
            <strong>{r.statusLabel}</strong>
          </dd>
          <dt>{T.submittedOn}</dt>
          <dd>{r.submittedOn}</dd>
          <dt>{T.receivedOn}</dt>
          <dd>{r.receivedOn ?? T.notReceived}</dd>
          {r.closedOn ? (
            <>
              <dt>{T.closedOn}</dt>
              <dd>{r.closedOn}</dd>
              <dt>{T.outcome}</dt>
              <dd>{r.outcomeLabel}</dd>
            </>
          ) : r.receivedOn ? (
            <>
              <dt>{T.dueOn}</dt>
              <dd>{r.pause ? `${T.paused}（${T.pauseUntil(r.pause.reason, r.pause.until)}）` : r.dueOn}</dd>
            </>
          ) : null}
        </dl>
        {r.provisional ? <Alert kind="warn">{T.provisional}</Alert> : null}
        <p class="muted">{T.privacy}</p>
      </Section>
      <Section title={T.notices} id="notices">
        {r.notices.length === 0 ? <p class="muted">{T.noNotices}</p> : r.notices.map((n) => <NoticeBlock n={n} />)}
      </Section>
      {correction ? <CorrectionForm r={r} csrf={csrf} token={correction.token} form={correction.form} /> : null}
      {r.answerDocument ? (
        <Section title={T.answer} id="answer">
          <div class="letter-sheet">
            <OfficialDocumentView doc={r.answerDocument} headingId="answer-letter-title" />
          </div>
          <div class="btn-row no-print">
            <button type="button" class="btn secondary" data-print>
              {T.print}
            </button>
            {letterPdf ? (
              <a class="btn" href={letterPdf}>
                {A.officialLetter.pdf}
              </a>
            ) : null}
          </div>
        </Section>
      ) : null}
      {files ? <AnswerDownloadsSection d={files} /> : null}
      <script src="/assets/print.js" defer />
    </>
  );
}

/** The tracking page: the form, and the result after a correct tracking number and query code. */
export function TrackPage(p: {
  agency?: Agency | undefined;
  csrf: string;
  form: FormState;
  result?: PublicCaseView | undefined;
  /** 主动公开 documents the case's information was published as (依申请转主动公开). */
  published?: readonly PublishedDocumentLink[] | undefined;
  answerFiles?: PublicAnswerDownloads | null;
  /** The answer letter's PDF with the applicant's download pass. */
  letterPdf?: string | undefined;
  elder: boolean;
  correction?: CorrectionState | undefined;
}): SafeHtml {
  const T = A.tracking;
  const action = p.agency ? `/gk/${p.agency.code}/track` : '/track';
  const crumbs = p.agency
    ? [{ label: t.site.home, href: '/' }, { label: p.agency.name, href: `/gk/${p.agency.code}/` }, { label: T.title }]
    : [{ label: t.site.home, href: '/' }, { label: T.title }];
  return (
    <PortalLayout title={T.title} agency={p.agency} nav={p.agency ? agencyNav(p.agency.code) : undefined} currentPath={action} elder={p.elder}>
      <Crumbs items={crumbs} />
      <section class="card no-print" aria-labelledby="track-title">
        <h1 id="track-title">{T.title}</h1>
        <p class="muted">{T.lead}</p>
        <FormErrors message={p.form.message} fields={p.form.fields} />
        <form method="post" action={action} class="stack" novalidate>
          <CsrfField token={p.csrf} />
          <Field
            name="trackingNo"
            label={T.trackingNo}
            hint={T.trackingNoHint}
            value={p.form.values.trackingNo}
            error={p.form.fields.trackingNo}
            inputmode="numeric"
            autocomplete="off"
            maxlength={30}
            required
          />
          <Field
            name="queryCode"
            label={T.queryCode}
            hint={T.queryCodeHint}
            value={p.form.values.queryCode}
            error={p.form.fields.queryCode}
            autocomplete="off"
            maxlength={20}
            required
          />
          <div class="btn-row">
            <button class="btn" type="submit">
              {T.submit}
            </button>
          </div>
        </form>
      </section>
      {p.result ? <TrackResult r={p.result} csrf={p.csrf} correction={p.correction} files={p.answerFiles} letterPdf={p.letterPdf} /> : null}
      {p.result ? <PublishedAsSection links={p.published} /> : null}
    </PortalLayout>
  );
}
