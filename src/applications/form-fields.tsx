import type { SafeHtml } from '#jsx/jsx-runtime';
import { t } from '../shared/i18n/zh-CN.ts';
import { FileField, RadioGroup, TextAreaField } from '../web/components.tsx';
import { FORMS_WANTED, WAYS_WANTED } from './applications.schema.ts';

const A = t.applications;
const F = A.form;

/** Select or radio options from codes and their labels. */
export const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

/** What is asked for, in which form and way, and the attachments: the same on the portal form and the staff registration. */
export function RequestFields({ values: v, errors: e }: { values: Record<string, string>; errors: Record<string, string> }): SafeHtml {
  return (
    <>
      <TextAreaField name="subject" label={F.subjectLabel} hint={F.subjectHint} value={v.subject} error={e.subject} rows={3} maxlength={200} required />
      <TextAreaField name="description" label={F.descriptionLabel} value={v.description} error={e.description} rows={4} maxlength={2000} />
      <RadioGroup
        name="formWanted"
        label={F.formWantedLabel}
        value={v.formWanted}
        error={e.formWanted}
        options={options(FORMS_WANTED, A.formsWanted)}
        required
      />
      <RadioGroup name="wayWanted" label={F.wayWantedLabel} value={v.wayWanted} error={e.wayWanted} options={options(WAYS_WANTED, A.waysWanted)} required />
      <FileField
        name="attachments"
        label={F.attachmentsLabel}
        hint={F.attachmentsHint}
        error={e.attachments}
        accept=".pdf,.jpg,.jpeg,.png,.ofd,.docx"
        multiple
      />
    </>
  );
}
