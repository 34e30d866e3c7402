/** The applicant's side of an online 补正: the ways to send one, the form on the tracking page, the confirmation. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../db/schema.ts';
import { agencyNav } from '../portal/nav.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, Crumbs, CsrfField, FileField, FormErrors, Section, TextAreaField } from '../web/components.tsx';
import type { FormState } from '../web/http.ts';
import { PortalLayout } from '../web/layout.tsx';
import { MAX_CORRECTION_TEXT } from './correction.service.ts';
import type { PublicCaseView } from './tracking.service.ts';

const C = t.notifications.correction;
const W = t.notifications.correctionWays;

/** How a 补正 may be sent (under the notice). */
export function CorrectionWays({ ways }: { ways?: readonly string[] | undefined }): SafeHtml | null {
  if (!ways || ways.length === 0) return null;
  return (
    <>
      <p>{W.lead}</p>
      <ul>
        {ways.map((w) => (
          <li>{w}</li>
        ))}
      </ul>
    </>
  );
}

/** Where the 补正 form posts (the agency of the case, whichever tracking page showed it). */
export const correctionPath = (agencyCode: string) => `/gk/${agencyCode}/track/correction`;

/** The 补正 form under the tracking result, while the case awaits a correction. */
export function CorrectionForm(p: { r: PublicCaseView; token: string; csrf: string; form?: FormState | undefined }): SafeHtml | null {
  if (p.r.status !== 'awaiting_correction') return null;
  const replyBy = p.r.pause?.until ?? '';
  const v = p.form?.values ?? {};
  const e = p.form?.fields ?? {};
  return (
    <Section title={C.formTitle} id="correction">
      <p>{C.formLead(replyBy)}</p>
      <FormErrors message={p.form?.message} fields={e} />
      <form method="post" action={correctionPath(p.r.agency.code)} enctype="multipart/form-data" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="token" value={p.token} />
        <TextAreaField name="text" label={C.textLabel} hint={C.textHint} value={v.text} error={e.text} rows={6} maxlength={MAX_CORRECTION_TEXT} required />
        <FileField name="attachments" label={C.filesLabel} hint={C.filesHint} error={e.attachments} accept=".pdf,.jpg,.jpeg,.png,.ofd,.docx" multiple />
        <div class="btn-row">
          <button class="btn" type="submit">
            {C.submit}
          </button>
        </div>
      </form>
    </Section>
  );
}

/** After a 补正 was received (or refused because the case no longer waits for one, or the page expired). */
export function CorrectionDonePage(p: {
  agency: Agency;
  elder: boolean;
  done?: { receivedOn: string; dueOn: string | null; provisional: boolean } | undefined;
  refusal?: string | undefined;
}): SafeHtml {
  const base = `/gk/${p.agency.code}`;
  const title = p.done ? C.doneTitle : C.formTitle;
  return (
    <PortalLayout title={title} agency={p.agency} nav={agencyNav(p.agency.code)} currentPath={`${base}/track`} elder={p.elder}>
      <Crumbs
        items={[
          { label: t.site.home, href: '/' },
          { label: p.agency.name, href: `${base}/` },
          { label: t.applications.tracking.title, href: `${base}/track` },
          { label: title },
        ]}
      />
      <section class="card" aria-labelledby="correction-title">
        <h1 id="correction-title">{title}</h1>
        {p.done ? (
          <>
            <Alert kind="ok">{C.done(p.done.receivedOn)}</Alert>
            {p.done.dueOn ? <p>{C.doneDue(p.done.dueOn)}</p> : null}
            {p.done.provisional ? <Alert kind="warn">{C.doneProvisional}</Alert> : null}
            <p class="muted">{C.doneNext}</p>
          </>
        ) : (
          <Alert kind="error">{p.refusal}</Alert>
        )}
        <div class="btn-row">
          <a class="btn" href={`${base}/track`}>
            {C.backToTrack}
          </a>
        </div>
      </section>
    </PortalLayout>
  );
}
