/** The console page of the agency's application settings (依申请公开设置). */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CheckboxField, Crumbs, CsrfField, Field, FormErrors, RadioGroup, SelectField } from '../web/components.tsx';
import type { FormState } from '../web/http.ts';
import { approverField, formatDocNumber } from './settings.schema.ts';

const S = t.applications.settings;
const K = t.applications.clock.settings;

/** The clock settings of issue 14: the e-mail receipt rule with its legal notes, and the office head (第三十三条). */
function ClockSettings(p: { v: Record<string, string>; e: Record<string, string>; members: readonly { id: number; displayName: string }[] }): SafeHtml {
  const { v, e } = p;
  return (
    <>
      <RadioGroup
        name="emailReceipt"
        label={K.receiptLegend}
        value={v.emailReceipt ?? 'confirmed'}
        error={e.emailReceipt}
        options={[
          { value: 'confirmed', label: K.receiptConfirmed },
          { value: 'arrival', label: K.receiptArrival },
        ]}
        required
      />
      <p class="muted">{K.receiptConfirmedNote}</p>
      <p class="muted">{K.receiptArrivalNote}</p>
      <fieldset class="field choices">
        <legend>{K.approverLegend}</legend>
        <p class="muted">{K.approverNote}</p>
        <p>{K.approverUsers}</p>
        {p.members.map((m) => (
          <CheckboxField name={approverField(m.id)} label={m.displayName} checked={v[approverField(m.id)] === 'on'} />
        ))}
        <SelectField
          name="approverRole"
          label={K.approverRole}
          value={v.approverRole ?? ''}
          error={e.approverRole}
          options={[
            { value: '', label: K.approverRoleNone },
            ...(['leader', 'admin', 'editor', 'reviewer'] as const).map((r) => ({ value: r, label: t.roles[r] })),
          ]}
        />
      </fieldset>
    </>
  );
}

export function SettingsPage(
  p: ConsoleBase & {
    form: FormState;
    saved: boolean;
    canEdit: boolean;
    year: number;
    members: readonly { id: number; displayName: string }[];
    moved: number;
  },
): SafeHtml {
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
      {p.saved && p.moved > 0 ? <Alert kind="info">{K.movedCases(p.moved)}</Alert> : null}
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
        <ClockSettings v={v} e={e} members={p.members} />
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
