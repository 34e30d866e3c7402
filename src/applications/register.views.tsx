/** Staff registration of applications received by other channels. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { Crumbs, CsrfField, Field, FormErrors, Section, SelectField } from '../web/components.tsx';
import type { FormState } from '../web/http.ts';
import { INTAKE_CHANNELS } from './applications.schema.ts';
import { casesPath as base } from './console.parts.tsx';
import { ContactFields, IdentityFields, options, RequestFields } from './form-fields.tsx';
import type { EmailReceiptRule } from './settings.schema.ts';

const A = t.applications;
const C = A.console;
const F = A.form;

/** Staff registration of an application received in person, by mail, e-mail or fax. */
export function RegisterPage(
  p: ConsoleBase & {
    form: FormState;
    today: string;
    result?: { ref: string; id: number; trackingNo: string; queryCode: string } | undefined;
    /** The agency's e-mail receipt rule (settings): which date the rules box names. */
    emailRule: EmailReceiptRule;
  },
): SafeHtml {
  const v = p.form.values;
  const e = p.form.fields;
  return (
    <ConsoleFrame {...p} title={C.registerTitle}>
      <Crumbs items={[{ label: C.queueTitle, href: base(p.agency) }, { label: C.registerTitle }]} />
      <h1>{C.registerTitle}</h1>
      {p.result ? (
        <section class="card receipt" aria-labelledby="registered-title">
          <h2 id="registered-title">{C.registered(p.result.ref)}</h2>
          <p>{C.registeredCode}</p>
          <dl class="facts">
            <dt>{A.tracking.trackingNo}</dt>
            <dd>
              <strong class="code">{p.result.trackingNo}</strong>
            </dd>
            <dt>{A.tracking.queryCode}</dt>
            <dd>
              <strong class="code">{p.result.queryCode}</strong>
            </dd>
          </dl>
          <p>
            <a class="btn" href={`${base(p.agency)}/${p.result.id}`}>
              {C.openCase}
            </a>
          </p>
        </section>
      ) : null}
      <div class="grid-2">
        <div>
          <FormErrors message={p.form.message} fields={e} />
          <form method="post" action={`${base(p.agency)}/new`} enctype="multipart/form-data" class="stack" novalidate>
            <CsrfField token={p.csrf} />
            <fieldset>
              <legend>{C.channel}</legend>
              <SelectField
                name="channel"
                label={F.channelLabel}
                value={v.channel ?? 'in_person'}
                error={e.channel}
                options={options(INTAKE_CHANNELS, A.intakeChannels)}
                required
              />
              <Field
                name="receivedOn"
                type="date"
                label={F.receivedOnLabel}
                hint={F.receivedOnHint}
                value={v.receivedOn ?? p.today}
                error={e.receivedOn}
                required
              />
              <Field
                name="emailArrivedOn"
                type="date"
                label={A.clock.form.emailArrivedOnLabel}
                hint={A.clock.form.emailArrivedOnHint}
                value={v.emailArrivedOn}
                error={e.emailArrivedOn}
              />
              <Field name="ref" label={F.refLabel} hint={F.refHint} value={v.ref} error={e.ref} maxlength={40} />
            </fieldset>
            <fieldset>
              <legend>{A.portal.applicantSection}</legend>
              <IdentityFields values={v} errors={e} autofill={false} />
              <ContactFields values={v} errors={e} autofill={false} />
            </fieldset>
            <fieldset>
              <legend>{A.portal.requestSection}</legend>
              <RequestFields values={v} errors={e} />
            </fieldset>
            <div class="btn-row">
              <button class="btn" type="submit">
                {C.registerTitle}
              </button>
            </div>
          </form>
        </div>
        <Section title={C.receiptRule} id="rules">
          <p class="muted">{C.registerLead}</p>
          <dl class="facts">
            {INTAKE_CHANNELS.map((c) => (
              <>
                <dt>{A.intakeChannels[c]}</dt>
                <dd>{c === 'email' ? (p.emailRule === 'arrival' ? A.clock.receiptEmailArrival : A.clock.receiptEmailConfirmed) : A.receiptRules[c]}</dd>
              </>
            ))}
          </dl>
        </Section>
      </div>
    </ConsoleFrame>
  );
}
