/** The console page of the agency's application settings (依申请公开设置). */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, Crumbs, CsrfField, Field, FormErrors } from '../web/components.tsx';
import type { FormState } from '../web/http.ts';
import { formatDocNumber } from './settings.schema.ts';

const S = t.applications.settings;

export function SettingsPage(p: ConsoleBase & { form: FormState; saved: boolean; canEdit: boolean; year: number }): SafeHtml {
  const v = p.form.values;
  const e = p.form.fields;
  const pattern = v.docNumberPattern ?? '';
  const example = pattern.includes('{year}') && pattern.includes('{n}') ? formatDocNumber(pattern, p.year, 1) : null;
  return (
    <ConsoleFrame {...p} title={S.title}>
      <Crumbs items={[{ label: t.applications.console.queueTitle, href: `/admin/${p.agency.code}/applications` }, { label: S.title }]} />
      <h1>{S.title}</h1>
      <p class="muted">{S.lead}</p>
      {p.saved ? <Alert kind="ok">{S.saved}</Alert> : null}
      {!p.canEdit ? <Alert kind="info">{S.adminOnly}</Alert> : null}
      <FormErrors message={p.form.message} fields={e} />
      <form method="post" action={`/admin/${p.agency.code}/applications/settings`} class="stack card">
        <CsrfField token={p.csrf} />
        <Field
          name="docNumberPattern"
          label={S.docNumberPattern}
          hint={S.docNumberPatternHint}
          value={pattern}
          error={e.docNumberPattern}
          maxlength={60}
          required
        />
        {example ? <p class="muted">{S.patternExample(example)}</p> : null}
        <Field name="reviewBody" label={S.reviewBody} hint={S.reviewBodyHint} value={v.reviewBody} error={e.reviewBody} maxlength={100} />
        {!v.reviewBody ? <Alert kind="warn">{`${S.reviewBody}${S.notNamed}`}</Alert> : null}
        <Field name="court" label={S.court} hint={S.courtHint} value={v.court} error={e.court} maxlength={100} />
        {!v.court ? <Alert kind="warn">{`${S.court}${S.notNamed}`}</Alert> : null}
        <Field
          name="answerDownloadDays"
          label={S.answerDownloadDays}
          hint={S.answerDownloadDaysHint}
          value={v.answerDownloadDays}
          error={e.answerDownloadDays}
          inputmode="numeric"
          maxlength={3}
          required
        />
        {p.canEdit ? (
          <div class="btn-row">
            <button class="btn" type="submit">
              {S.save}
            </button>
          </div>
        ) : null}
      </form>
    </ConsoleFrame>
  );
}
