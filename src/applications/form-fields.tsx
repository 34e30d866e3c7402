import type { SafeHtml } from '#jsx/jsx-runtime';
import { t } from '../shared/i18n/zh-CN.ts';
import { APPLICANT_TYPES } from '../vocabulary/codes.ts';
import { Field, FileField, RadioGroup, SelectField, TextAreaField } from '../web/components.tsx';
import { FORMS_WANTED, ID_TYPES, WAYS_WANTED } from './applications.schema.ts';

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

type FieldsProps = {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Browser autofill hints: on for the applicant's own form, off when staff type someone else's details. */
  autofill: boolean;
};

/** Who applies (第二十九条): applicant type, name, proof of identity, legal representative, contact person. */
export function IdentityFields({ values: v, errors: e, autofill }: FieldsProps): SafeHtml {
  return (
    <>
      <RadioGroup
        name="applicantType"
        label={F.applicantTypeLabel}
        value={v.applicantType ?? 'natural_person'}
        error={e.applicantType}
        options={options(APPLICANT_TYPES, A.applicantTypes)}
        required
      />
      <Field
        name="name"
        label={F.nameLabel}
        hint={F.nameHint}
        value={v.name}
        error={e.name}
        autocomplete={autofill ? 'name' : 'off'}
        maxlength={100}
        required
      />
      <SelectField name="idType" label={F.idTypeLabel} value={v.idType ?? 'resident_id'} error={e.idType} options={options(ID_TYPES, A.idTypes)} required />
      <Field name="idNumber" label={F.idNumberLabel} value={v.idNumber} error={e.idNumber} autocomplete="off" maxlength={40} required />
      <Field name="legalRep" label={F.legalRepLabel} hint={F.contactHint} value={v.legalRep} error={e.legalRep} maxlength={50} />
      <Field name="contact" label={F.contactLabel} hint={F.contactHint} value={v.contact} error={e.contact} maxlength={50} />
    </>
  );
}

/** How to reach the applicant: phone, e-mail, address, postcode. */
export function ContactFields({ values: v, errors: e, autofill }: FieldsProps): SafeHtml {
  const ac = (hint: string) => (autofill ? hint : 'off');
  return (
    <>
      <Field name="phone" label={F.phoneLabel} type="tel" value={v.phone} error={e.phone} autocomplete={ac('tel')} maxlength={30} required />
      <Field name="email" label={F.emailLabel} type="email" value={v.email} error={e.email} autocomplete={ac('email')} maxlength={100} />
      <Field name="address" label={F.addressLabel} value={v.address} error={e.address} autocomplete={ac('address-line1')} maxlength={200} />
      <Field name="postcode" label={F.postcodeLabel} value={v.postcode} error={e.postcode} inputmode="numeric" autocomplete={ac('postal-code')} maxlength={6} />
    </>
  );
}
