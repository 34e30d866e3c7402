/** The console pages of 依申请公开: the workbench queue, registration, and the case page with its action forms. */
import type { Child, SafeHtml } from '#jsx/jsx-runtime';
import { consoleNav, type UserActor } from '../admin/console.ts';
import type { ExplanationStep } from '../calendar/workdays.ts';
import type { Agency } from '../db/schema.ts';
import { APPLICANT_TYPES, OUTCOME_CODES, OUTCOME_GROUP_LABELS, OUTCOME_LABELS, type OutcomeCode } from '../reports/report-codes.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, Crumbs, CsrfField, Empty, Field, FormErrors, Section, SelectField } from '../web/components.tsx';
import type { FormState } from '../web/http.ts';
import { AdminLayout } from '../web/layout.tsx';
import type { CaseView, QueueFilter, QueueRow, QueueSummary, Urgency } from './applications.queries.ts';
import { QUEUE_STATUSES } from './applications.queries.ts';
import { eventData } from './applications.repo.ts';
import { FORMS_WANTED, ID_TYPES, INTAKE_CHANNELS, WAYS_WANTED } from './applications.schema.ts';
import { extensionRequestOf } from './case.service.ts';
import { MAX_EXTENSION_DAYS } from './deadlines.ts';
import { FileField, RadioGroup, TextAreaField } from './fields.tsx';

const A = t.applications;
const C = A.console;
const F = A.form;

type Base = { actor: UserActor; csrf: string; agency: Agency };

function Frame(p: Base & { title: string; path: string; children?: Child }): SafeHtml {
  return (
    <AdminLayout title={p.title} actor={p.actor} csrfToken={p.csrf} agency={p.agency} sideNav={consoleNav(p.agency, p.actor)} currentPath={p.path}>
      {p.children}
    </AdminLayout>
  );
}

const base = (agency: Agency) => `/admin/${agency.code}/applications`;

/** An outcome select, grouped as table 3 groups them. */
function OutcomeSelect({
  name,
  id: givenId,
  value,
  error,
  label,
  withAny,
}: {
  name: string;
  id?: string;
  value?: string | undefined;
  error?: string | undefined;
  label: string;
  withAny?: boolean;
}): SafeHtml {
  const id = givenId ?? `f-${name}`;
  const groups: { label: string | null; codes: OutcomeCode[] }[] = [
    { label: null, codes: ['granted', 'partial'] },
    ...(['refused', 'unavailable', 'not_processed', 'other'] as const).map((g) => ({
      label: OUTCOME_GROUP_LABELS[g],
      codes: OUTCOME_CODES.filter((c) => c.startsWith(`${g}.`)),
    })),
  ];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      <select id={id} name={name} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {withAny ? <option value="">{C.any}</option> : null}
        {groups.map((g) =>
          g.label === null ? (
            g.codes.map((c) => (
              <option value={c} selected={value === c}>
                {OUTCOME_LABELS[c]}
              </option>
            ))
          ) : (
            <optgroup label={g.label}>
              {g.codes.map((c) => (
                <option value={c} selected={value === c}>
                  {OUTCOME_LABELS[c]}
                </option>
              ))}
            </optgroup>
          ),
        )}
      </select>
      {error ? (
        <span class="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The due-date badge: words and a symbol, so it does not rely on colour. */
export function UrgencyBadge({ u, provisional }: { u: Urgency | null; provisional?: boolean }): SafeHtml | null {
  if (!u) return null;
  const prov = provisional ? C.provisionalMark : '';
  if (u.kind === 'overdue') return <strong class="badge danger">！{C.overdue(u.days)}</strong>;
  if (u.kind === 'today') return <strong class="badge danger">！{C.dueToday}</strong>;
  if (u.kind === 'soon') return <strong class="badge warn">{`${C.daysLeft(u.days)}${prov}`}</strong>;
  return <span class="badge muted">{`${C.daysLeft(u.days)}${prov}`}</span>;
}

function queueHref(agency: Agency, filter: Partial<Record<keyof QueueFilter, string | number | boolean | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '' && v !== false) params.set(k, v === true ? '1' : String(v));
  const s = params.toString();
  return s ? `${base(agency)}?${s}` : base(agency);
}

function SummaryTiles({ agency, s }: { agency: Agency; s: QueueSummary }): SafeHtml {
  const tiles: { label: string; n: number; href: string; alert?: boolean }[] = [
    { label: C.summary.pending, n: s.pending, href: queueHref(agency, { status: 'pending' }) },
    { label: C.summary.open, n: s.open, href: queueHref(agency, {}) },
    { label: C.summary.overdue, n: s.overdue, href: queueHref(agency, { overdue: true }), alert: s.overdue > 0 },
    { label: C.summary.dueSoon, n: s.dueSoon, href: queueHref(agency, { dueWithin: 3 }), alert: s.dueSoon > 0 },
    { label: C.summary.signoff, n: s.signoff, href: queueHref(agency, { status: 'signoff' }) },
    { label: C.summary.extension, n: s.extension, href: queueHref(agency, { status: 'extension' }) },
  ];
  return (
    <ul class="stat-tiles">
      {tiles.map((x) => (
        <li>
          <a href={x.href} class={x.alert ? 'alert-tile' : undefined}>
            <span class="stat">{x.n}</span>
            <span>
              {x.alert ? '！' : ''}
              {x.label}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

const statusLabel = (r: Pick<QueueRow, 'status'>) => A.statuses[r.status];

/** The workbench: the agency's applications, filtered, sorted by the next due date, paged. */
export function QueuePage(
  p: Base & { filter: QueueFilter; items: QueueRow[]; total: number; pages: number; summary: QueueSummary; years: number[]; canHandle: boolean },
): SafeHtml {
  const f = p.filter;
  return (
    <Frame {...p} title={C.queueTitle} path={base(p.agency)}>
      <div class="page-head">
        <h1>{C.queueTitle}</h1>
        {p.canHandle ? (
          <a class="btn" href={`${base(p.agency)}/new`}>
            {C.registerTitle}
          </a>
        ) : null}
      </div>
      <SummaryTiles agency={p.agency} s={p.summary} />
      <form method="get" action={base(p.agency)} class="filters" aria-label={C.filters}>
        <SelectField name="status" label={C.filterStatus} value={f.status} options={QUEUE_STATUSES.map((s) => ({ value: s, label: C.queueStatuses[s] }))} />
        <Field name="dueWithin" type="number" label={C.filterDueWithin} value={f.dueWithin} inputmode="numeric" />
        <OutcomeSelect name="outcome" label={C.filterOutcome} value={f.outcome} withAny />
        <SelectField
          name="year"
          label={C.filterYear}
          value={f.year ?? ''}
          options={[{ value: '', label: C.any }, ...p.years.map((y) => ({ value: String(y), label: `${y}` }))]}
        />
        <Field name="q" label={C.filterQ} value={f.q} />
        <label class="choice">
          <input type="checkbox" name="overdue" value="1" checked={f.overdue} />
          <span>{C.filterOverdue}</span>
        </label>
        <div class="btn-row">
          <button class="btn" type="submit">
            {C.filterApply}
          </button>
          <a href={base(p.agency)}>{C.filterClear}</a>
        </div>
      </form>
      <p class="muted" aria-live="polite">
        {C.total(p.total, f.page, p.pages)}
      </p>
      {p.items.length === 0 ? (
        <Empty>{C.empty}</Empty>
      ) : (
        <div class="table-wrap">
          <table class="queue">
            <caption class="visually-hidden">{C.queueTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{C.columns.ref}</th>
                <th scope="col" class="hide-sm">
                  {C.columns.receivedOn}
                </th>
                <th scope="col">{C.columns.status}</th>
                <th scope="col">{C.columns.due}</th>
                <th scope="col" class="hide-sm">
                  {C.columns.handler}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((r) => (
                <tr class={r.urgency?.kind === 'overdue' || r.urgency?.kind === 'today' ? 'row-overdue' : r.urgency?.kind === 'soon' ? 'row-soon' : undefined}>
                  <td>
                    <a href={`${base(p.agency)}/${r.id}`} class="nowrap">
                      {r.ref}
                    </a>
                    <span class="subject">{r.subject}</span>
                  </td>
                  <td class="hide-sm nowrap">{r.receivedOn ?? C.notReceivedYet}</td>
                  <td>
                    {statusLabel(r)}
                    {r.answerState === 'pending_signoff' ? <span class="badge info">{C.summary.signoff}</span> : null}
                    {r.hasExtensionRequest ? <span class="badge info">{C.summary.extension}</span> : null}
                  </td>
                  <td>
                    {r.status === 'closed' ? (
                      <span class="muted">{r.closedOn ? C.closedOn(r.closedOn) : ''}</span>
                    ) : (
                      <>
                        {r.status !== 'processing' ? <span class="due-kind">{C.dueKinds[r.status] ?? ''}</span> : null}
                        <span class="nowrap">{r.nextDueOn ?? '—'}</span> <UrgencyBadge u={r.urgency} provisional={r.provisional === 1} />
                      </>
                    )}
                  </td>
                  <td class="hide-sm">{r.handlerName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.pages > 1 ? (
        <nav class="pager" aria-label={C.pagination}>
          {f.page > 1 ? <a href={queueHref(p.agency, { ...f, page: f.page - 1 })}>{C.prev}</a> : null}
          <span>
            {f.page} / {p.pages}
          </span>
          {f.page < p.pages ? <a href={queueHref(p.agency, { ...f, page: f.page + 1 })}>{C.next}</a> : null}
        </nav>
      ) : null}
    </Frame>
  );
}

const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

/** Staff registration of an application received in person, by mail, e-mail or fax. */
export function RegisterPage(
  p: Base & { form: FormState; today: string; result?: { ref: string; id: number; trackingNo: string; queryCode: string } | undefined },
): SafeHtml {
  const v = p.form.values;
  const e = p.form.fields;
  return (
    <Frame {...p} title={C.registerTitle} path={`${base(p.agency)}/new`}>
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
              <Field name="ref" label={F.refLabel} hint={F.refHint} value={v.ref} error={e.ref} maxlength={40} />
            </fieldset>
            <fieldset>
              <legend>{A.portal.applicantSection}</legend>
              <RadioGroup
                name="applicantType"
                label={F.applicantTypeLabel}
                value={v.applicantType ?? 'natural_person'}
                error={e.applicantType}
                options={options(APPLICANT_TYPES, A.applicantTypes)}
                required
              />
              <Field name="name" label={F.nameLabel} value={v.name} error={e.name} required />
              <SelectField
                name="idType"
                label={F.idTypeLabel}
                value={v.idType ?? 'resident_id'}
                error={e.idType}
                options={options(ID_TYPES, A.idTypes)}
                required
              />
              <Field name="idNumber" label={F.idNumberLabel} value={v.idNumber} error={e.idNumber} required />
              <Field name="legalRep" label={F.legalRepLabel} hint={F.contactHint} value={v.legalRep} error={e.legalRep} />
              <Field name="contact" label={F.contactLabel} hint={F.contactHint} value={v.contact} error={e.contact} />
              <Field name="phone" label={F.phoneLabel} type="tel" value={v.phone} error={e.phone} required />
              <Field name="email" label={F.emailLabel} type="email" value={v.email} error={e.email} />
              <Field name="address" label={F.addressLabel} value={v.address} error={e.address} />
              <Field name="postcode" label={F.postcodeLabel} value={v.postcode} error={e.postcode} inputmode="numeric" />
            </fieldset>
            <fieldset>
              <legend>{A.portal.requestSection}</legend>
              <TextAreaField name="subject" label={F.subjectLabel} value={v.subject} error={e.subject} rows={3} required />
              <TextAreaField name="description" label={F.descriptionLabel} value={v.description} error={e.description} />
              <RadioGroup
                name="formWanted"
                label={F.formWantedLabel}
                value={v.formWanted}
                error={e.formWanted}
                options={options(FORMS_WANTED, A.formsWanted)}
                required
              />
              <RadioGroup
                name="wayWanted"
                label={F.wayWantedLabel}
                value={v.wayWanted}
                error={e.wayWanted}
                options={options(WAYS_WANTED, A.waysWanted)}
                required
              />
              <FileField
                name="attachments"
                label={F.attachmentsLabel}
                hint={F.attachmentsHint}
                error={e.attachments}
                accept=".pdf,.jpg,.jpeg,.png,.ofd,.docx"
                multiple
              />
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
                <dd>{A.receiptRules[c]}</dd>
              </>
            ))}
          </dl>
        </Section>
      </div>
    </Frame>
  );
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const weekday = (date: string) => `周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;

/** The explanation of the due date, one row per step of the working-day engine. */
function ExplanationTable({ steps, dueOn }: { steps: readonly ExplanationStep[]; dueOn: string | null }): SafeHtml {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{C.explanationCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{C.dateColumn}</th>
            <th scope="col">{C.howColumn}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => {
            const text = s.text.startsWith(s.date) ? s.text.slice(s.date.length).replace(/^\s*(周.)?[，,]?\s*/, '') : s.text;
            const cls = s.kind === 'due' ? 'row-due' : s.kind === 'skip' || s.kind === 'paused' ? 'row-off' : undefined;
            return (
              <tr class={cls}>
                <td class="nowrap">
                  {s.date} {weekday(s.date)}
                </td>
                <td>
                  {text}
                  {s.kind === 'due' && s.date === dueOn ? <strong class="badge ok">{C.dueOn}</strong> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The state of a failed action form: which action, what was typed, and the messages. */
export type FailedAction = { action: string; state: FormState };

type ActionProps = { view: CaseView; agency: Agency; csrf: string; failed?: FailedAction | undefined };

/** One action as a disclosure with its form; open when it just failed. */
function ActionForm(
  p: ActionProps & {
    action: string;
    danger?: boolean;
    children: (v: Record<string, string>, e: Record<string, string>, id: (name: string) => string) => Child;
  },
): SafeHtml {
  const meta = C.actions[p.action] ?? { title: p.action, button: p.action, hint: '' };
  const failed = p.failed?.action === p.action ? p.failed.state : undefined;
  const v = failed?.values ?? {};
  const e = failed?.fields ?? {};
  return (
    <details class="action" open={failed !== undefined}>
      <summary>{meta.title}</summary>
      <form method="post" action={`${base(p.agency)}/${p.view.row.id}/${p.action}`} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="version" value={String(p.view.row.version)} />
        {meta.hint ? <p class="muted">{meta.hint}</p> : null}
        {failed?.message ? <Alert kind="error">{failed.message}</Alert> : null}
        {p.children(v, e, (name) => `a-${p.action}-${name}`)}
        <div class="btn-row">
          <button class={p.danger ? 'btn danger' : 'btn'} type="submit">
            {meta.button}
          </button>
        </div>
      </form>
    </details>
  );
}

function DateField({ v, e, today, id }: { v: Record<string, string>; e: Record<string, string>; today: string; id: (name: string) => string }): SafeHtml {
  return <Field name="on" id={id('on')} type="date" label={F.onLabel} value={v.on ?? today} error={e.on} required />;
}

/** The forms of the actions available today, in the order of the procedure. */
function ActionForms(p: ActionProps): SafeHtml {
  const { view } = p;
  const today = view.today;
  const late = view.correctionNoticeDue !== null && today > view.correctionNoticeDue;
  const request = view.snapshot.extensionRequest;
  const forms: Record<string, () => SafeHtml> = {
    confirm: () => (
      <ActionForm {...p} action="confirm">
        {(v, e, id) => <DateField v={v} e={e} today={today} id={id} />}
      </ActionForm>
    ),
    discard: () => (
      <ActionForm {...p} action="discard" danger>
        {(v, e, id) => <TextAreaField name="reason" id={id('reason')} label={F.reasonLabel} value={v.reason} error={e.reason} rows={2} required />}
      </ActionForm>
    ),
    request_correction: () => (
      <ActionForm {...p} action="request_correction">
        {(v, e, id) => (
          <>
            {late && view.correctionNoticeDue ? <Alert kind="warn">{C.lateCorrection(view.correctionNoticeDue)}</Alert> : null}
            <DateField v={v} e={e} today={today} id={id} />
            <TextAreaField name="items" id={id('items')} label={F.itemsLabel} hint={F.itemsHint} value={v.items} error={e.items} rows={4} required />
            <Field name="replyBy" id={id('replyBy')} type="date" label={F.replyByLabel} hint={F.replyByHint} value={v.replyBy} error={e.replyBy} />
            <TextAreaField
              name="lateReason"
              id={id('lateReason')}
              label={F.lateReasonLabel}
              hint={F.lateReasonHint}
              value={v.lateReason}
              error={e.lateReason}
              rows={2}
              required={late}
            />
          </>
        )}
      </ActionForm>
    ),
    receive_correction: () => (
      <ActionForm {...p} action="receive_correction">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <TextAreaField name="note" id={id('note')} label={F.noteLabel} value={v.note} error={e.note} rows={2} />
          </>
        )}
      </ActionForm>
    ),
    start_consultation: () => (
      <ActionForm {...p} action="start_consultation">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <RadioGroup
              name="party"
              id={id('party')}
              label={F.partyLabel}
              value={v.party ?? 'third_party'}
              error={e.party}
              options={[
                { value: 'third_party', label: A.parties.third_party },
                { value: 'agency', label: A.parties.agency },
              ]}
              required
            />
            <Field name="partyName" id={id('partyName')} label={F.partyNameLabel} value={v.partyName} error={e.partyName} />
            <TextAreaField name="note" id={id('note')} label={F.noteLabel} value={v.note} error={e.note} rows={2} />
          </>
        )}
      </ActionForm>
    ),
    end_consultation: () => (
      <ActionForm {...p} action="end_consultation">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <TextAreaField name="note" id={id('note')} label={F.noteLabel} value={v.note} error={e.note} rows={2} />
          </>
        )}
      </ActionForm>
    ),
    request_extension: () => (
      <ActionForm {...p} action="request_extension">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <Field
              name="days"
              id={id('days')}
              type="number"
              label={F.daysLabel}
              value={v.days ?? String(MAX_EXTENSION_DAYS - view.row.extendedDays)}
              error={e.days}
              inputmode="numeric"
              required
            />
            <TextAreaField name="reason" id={id('reason')} label={F.extensionReasonLabel} value={v.reason} error={e.reason} rows={2} required />
          </>
        )}
      </ActionForm>
    ),
    approve_extension: () => (
      <ActionForm {...p} action="approve_extension">
        {(v, e, id) => (
          <>
            {request ? <p>{C.pendingExtension(request.days, request.reason, request.by, request.on)}</p> : null}
            <DateField v={v} e={e} today={today} id={id} />
          </>
        )}
      </ActionForm>
    ),
    refuse_extension: () => (
      <ActionForm {...p} action="refuse_extension" danger>
        {(v, e, id) => <TextAreaField name="note" id={id('note')} label={F.noteLabel} value={v.note} error={e.note} rows={2} required />}
      </ActionForm>
    ),
    issue_fee_notice: () => (
      <ActionForm {...p} action="issue_fee_notice">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <RadioGroup
              name="schedule"
              id={id('schedule')}
              label={F.scheduleLabel}
              value={v.schedule ?? 'per_application'}
              error={e.schedule}
              options={[
                { value: 'per_application', label: A.feeSchedules.per_application },
                { value: 'per_page', label: A.feeSchedules.per_page },
              ]}
              required
            />
            <Field name="pages" id={id('pages')} type="number" label={F.pagesLabel} hint={F.pagesHint} value={v.pages} error={e.pages} inputmode="numeric" />
            <TextAreaField
              name="howToPay"
              id={id('howToPay')}
              label={F.howToPayLabel}
              value={v.howToPay ?? F.howToPayDefault}
              error={e.howToPay}
              rows={2}
              required
            />
          </>
        )}
      </ActionForm>
    ),
    record_fee_payment: () => (
      <ActionForm {...p} action="record_fee_payment">
        {(v, e, id) => <DateField v={v} e={e} today={today} id={id} />}
      </ActionForm>
    ),
    draft_answer: () => (
      <ActionForm {...p} action="draft_answer">
        {(v, e, id) => (
          <OutcomeSelect name="outcome" id={id('outcome')} label={F.outcomeLabel} value={v.outcome ?? view.row.outcome ?? 'granted'} error={e.outcome} />
        )}
      </ActionForm>
    ),
    send_answer: () => (
      <ActionForm {...p} action="send_answer">
        {(v, e, id) => <DateField v={v} e={e} today={today} id={id} />}
      </ActionForm>
    ),
    deliver: () => (
      <ActionForm {...p} action="deliver">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <Field
              name="method"
              id={id('method')}
              label={F.deliveryMethodLabel}
              value={v.method ?? (view.row.wayWanted ? A.waysWanted[view.row.wayWanted as keyof typeof A.waysWanted] : '')}
              error={e.method}
              required
            />
          </>
        )}
      </ActionForm>
    ),
    archive: () => (
      <ActionForm {...p} action="archive">
        {(v, e, id) => <DateField v={v} e={e} today={today} id={id} />}
      </ActionForm>
    ),
  };
  const shown = view.actions.filter((a) => a in forms);
  return shown.length === 0 ? <p class="muted">{C.noActions}</p> : <div class="actions">{shown.map((a) => forms[a]?.())}</div>;
}

/** The answer letter: editable while a draft (handler) or under review (leader); read-only once signed. */
function AnswerSection(p: ActionProps): SafeHtml {
  const { view } = p;
  const row = view.row;
  const failed = p.failed && ['save_answer', 'sign_answer', 'return_answer'].includes(p.failed.action) ? p.failed : undefined;
  const v = failed?.state.values ?? {};
  const e = failed?.state.fields ?? {};
  const href = `${base(p.agency)}/${row.id}`;
  if (row.answerState === 'none') return <p class="muted">{C.noAnswer}</p>;
  const outcome = (row.outcome ?? 'granted') as OutcomeCode;
  const hidden = (
    <>
      <CsrfField token={p.csrf} />
      <input type="hidden" name="version" value={String(row.version)} />
    </>
  );
  return (
    <>
      <dl class="facts">
        <dt>{C.answerState}</dt>
        <dd>{A.answerStates[row.answerState]}</dd>
        <dt>{F.outcomeLabel}</dt>
        <dd>{OUTCOME_LABELS[outcome]}</dd>
        <dt>{F.legalBasisLabel}</dt>
        <dd>{row.legalBasis || '—'}</dd>
        {view.signedByName && row.answerSignedAt ? (
          <>
            <dt>{A.events.answer_signed}</dt>
            <dd>{C.signedBy(view.signedByName, row.answerSignedAt.slice(0, 10))}</dd>
          </>
        ) : null}
      </dl>
      {row.answerNote ? (
        <Alert kind="warn">
          {C.returnedNote}：{row.answerNote}
        </Alert>
      ) : null}
      {failed?.state.message ? <Alert kind="error">{failed.state.message}</Alert> : null}
      {row.answerState === 'draft' && view.canHandle && view.row.isOpen ? (
        <form method="post" action={`${href}/save_answer`} class="stack wide" novalidate>
          {hidden}
          <OutcomeSelect name="outcome" label={F.outcomeLabel} value={v.outcome ?? outcome} error={e.outcome} />
          <Field name="legalBasis" label={F.legalBasisLabel} value={v.legalBasis ?? row.legalBasis ?? ''} error={e.legalBasis} />
          <TextAreaField name="letter" label={F.letterLabel} value={v.letter ?? row.answerLetter ?? ''} error={e.letter} rows={16} required />
          <div class="btn-row">
            <button class="btn secondary" type="submit" name="submit" value="0">
              {C.saveDraft}
            </button>
            <button class="btn" type="submit" name="submit" value="1">
              {C.submitForSignoff}
            </button>
          </div>
        </form>
      ) : row.answerState === 'pending_signoff' && view.canApprove ? (
        <>
          <form method="post" action={`${href}/sign_answer`} class="stack wide" novalidate>
            {hidden}
            <TextAreaField name="letter" label={F.letterLabel} value={v.letter ?? row.answerLetter ?? ''} error={e.letter} rows={16} />
            <div class="btn-row">
              <button class="btn" type="submit">
                {C.sign}
              </button>
            </div>
          </form>
          <details class="action" open={failed?.action === 'return_answer'}>
            <summary>{C.returnDraft}</summary>
            <form method="post" action={`${href}/return_answer`} class="stack" novalidate>
              {hidden}
              <TextAreaField name="note" label={C.returnNote} value={v.note} error={e.note} rows={2} required />
              <div class="btn-row">
                <button class="btn danger" type="submit">
                  {C.returnDraft}
                </button>
              </div>
            </form>
          </details>
        </>
      ) : (
        <>
          {row.answerState === 'pending_signoff' ? <p class="muted">{C.waitingSignoff}</p> : null}
          {row.answerLetter ? <div class="letter">{row.answerLetter}</div> : <p class="muted">{A.interchange.noLetter}</p>}
          {row.answerLetter ? (
            <p class="no-print">
              <a href={`${href}/letter`}>{C.printLetter}</a>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}

/** One line of the log said in words (no raw JSON). */
function eventDetail(type: string, data: Record<string, unknown>): string {
  const s = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : '');
  switch (type) {
    case 'correction_requested':
      return [Array.isArray(data.items) ? data.items.join('；') : '', s('replyBy') ? `${F.replyByLabel} ${s('replyBy')}` : '', s('lateReason')]
        .filter(Boolean)
        .join('；');
    case 'consultation_started':
      return [A.parties[data.party === 'agency' ? 'agency' : 'third_party'], s('partyName'), s('note')].filter(Boolean).join('，');
    case 'extension_requested':
    case 'extended':
      return `${Number(data.days ?? 0)} 个工作日${s('reason') ? `，${s('reason')}` : ''}${s('newDueOn') ? `，期限至 ${s('newDueOn')}` : ''}`;
    case 'fee_notice':
      return `${Number(data.amount ?? 0)} 元，${A.feeSchedules[(s('schedule') || 'recorded') as keyof typeof A.feeSchedules] ?? ''}${s('payBy') ? `，缴费期限 ${s('payBy')}` : ''}`;
    case 'closed':
    case 'answer_drafted':
    case 'answer_submitted':
      return OUTCOME_LABELS[s('outcome') as OutcomeCode] ?? '';
    case 'delivered':
      return s('method');
    case 'assigned':
      return s('name');
    default:
      return [s('note'), s('reason'), s('rule')].filter(Boolean).join('；');
  }
}

/** The case page: the clock and why, the actions in order, the answer, the record. */
export function CasePage(p: Base & { view: CaseView; flash?: string | undefined; failed?: FailedAction | undefined }): SafeHtml {
  const { view } = p;
  const row = view.row;
  const clock = view.snapshot.clock;
  const href = `${base(p.agency)}/${row.id}`;
  const request = extensionRequestOf(row);
  return (
    <Frame {...p} title={C.caseTitle(row.ref)} path={base(p.agency)}>
      <Crumbs items={[{ label: C.queueTitle, href: base(p.agency) }, { label: C.caseTitle(row.ref) }]} />
      <div class="page-head">
        <h1>
          {C.caseTitle(row.ref)} <span class={row.status === 'closed' ? 'badge ok' : 'badge info'}>{A.statuses[row.status]}</span>
        </h1>
      </div>
      <p class="lead">{row.subject}</p>
      {p.flash ? <Alert kind="ok">{p.flash}</Alert> : null}
      {p.failed &&
      !view.actions.includes(p.failed.action as never) &&
      !['save_answer', 'sign_answer', 'return_answer'].includes(p.failed.action) &&
      p.failed.state.message ? (
        <Alert kind="error">{p.failed.state.message}</Alert>
      ) : null}
      <div class="grid-2">
        <div>
          <Section title={C.deadlines} id="deadlines">
            <dl class="facts">
              <dt>{C.receivedOn}</dt>
              <dd>{row.receivedOn ?? C.notReceivedYet}</dd>
              <dt>{C.receiptRule}</dt>
              <dd>{view.receiptRule}</dd>
              {clock ? (
                <>
                  <dt>{C.dueOn}</dt>
                  <dd>
                    {clock.dueOn ??
                      (clock.openPause
                        ? C.pausedUntil(
                            A.pauseReasons[clock.openPause.kind === 'consultation' ? (clock.openPause.party ?? 'third_party') : clock.openPause.kind],
                            clock.openPause.dueOn,
                          )
                        : '—')}{' '}
                    {row.isOpen ? <UrgencyBadge u={view.urgency} provisional={clock.provisional} /> : null}
                  </dd>
                  {row.closedOn ? (
                    <>
                      <dt>{A.events.closed}</dt>
                      <dd>{row.closedOn}</dd>
                    </>
                  ) : null}
                  {row.isOpen && !clock.correctionDueOn && view.correctionNoticeDue ? (
                    <>
                      <dt>{C.correctionNoticeDue}</dt>
                      <dd>
                        {view.correctionNoticeDue} <span class="muted">（{C.correctionNoticeDueHint}）</span>
                      </dd>
                    </>
                  ) : null}
                  {clock.extendedDays > 0 ? (
                    <>
                      <dt>{C.extended}</dt>
                      <dd>{C.extendedDays(clock.extendedDays)}</dd>
                    </>
                  ) : null}
                  {request ? (
                    <>
                      <dt>{C.summary.extension}</dt>
                      <dd>{C.pendingExtension(request.days, request.reason, request.by, request.on)}</dd>
                    </>
                  ) : null}
                </>
              ) : null}
            </dl>
            {clock?.provisional ? <Alert kind="warn">{C.provisional(view.missingYears.join('、'))}</Alert> : null}
            {view.explanation.length > 0 ? (
              <details class="explain">
                <summary>{C.explanation}</summary>
                <ExplanationTable steps={view.explanation} dueOn={clock?.dueOn ?? null} />
              </details>
            ) : null}
          </Section>
          <Section title={C.actionsTitle} id="actions">
            <ActionForms view={view} agency={p.agency} csrf={p.csrf} failed={p.failed} />
          </Section>
          <Section title={C.answerTitle} id="answer">
            <AnswerSection view={view} agency={p.agency} csrf={p.csrf} failed={p.failed} />
          </Section>
          <Section title={C.historyTitle} id="history">
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">{C.historyCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{C.historyColumns.on}</th>
                    <th scope="col">{C.historyColumns.what}</th>
                    <th scope="col">{C.historyColumns.detail}</th>
                    <th scope="col" class="hide-sm">
                      {C.historyColumns.actor}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.log.map((e) => (
                    <tr>
                      <td class="nowrap">{e.eventOn}</td>
                      <td>{A.events[e.type] ?? e.type}</td>
                      <td>{eventDetail(e.type, eventData(e))}</td>
                      <td class="hide-sm">{e.actorName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        </div>
        <div>
          <Section title={C.requestTitle} id="request">
            <dl class="facts">
              <dt>{C.trackingNo}</dt>
              <dd>{row.trackingNo ?? C.noTrackingNo}</dd>
              <dt>{C.channel}</dt>
              <dd>{A.channels[row.channel]}</dd>
              <dt>{F.descriptionLabel}</dt>
              <dd>{row.description ?? '—'}</dd>
              <dt>{F.formWantedLabel}</dt>
              <dd>{row.formWanted ? A.formsWanted[row.formWanted as keyof typeof A.formsWanted] : '—'}</dd>
              <dt>{F.wayWantedLabel}</dt>
              <dd>{row.wayWanted ? A.waysWanted[row.wayWanted as keyof typeof A.waysWanted] : '—'}</dd>
              <dt>{C.attachments}</dt>
              <dd>
                {view.attachments.length === 0 ? (
                  C.noAttachments
                ) : (
                  <ul class="bare">
                    {view.attachments.map((a) => (
                      <li>
                        <a href={`${href}/attachments/${a.id}`}>{a.filename}</a> <span class="muted">（{Math.ceil(a.size / 1024)} KB）</span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
          </Section>
          <Section title={C.applicantTitle} id="applicant">
            <dl class="facts">
              <dt>{C.applicantType}</dt>
              <dd>{A.applicantTypes[row.applicantType as keyof typeof A.applicantTypes] ?? row.applicantType}</dd>
              <dt>{F.nameLabel}</dt>
              <dd>{row.applicantName ?? '—'}</dd>
              <dt>{F.idTypeLabel}</dt>
              <dd>{row.applicantIdType ? (A.idTypes[row.applicantIdType as keyof typeof A.idTypes] ?? row.applicantIdType) : '—'}</dd>
              <dt>{F.idNumberLabel}</dt>
              <dd>{row.applicantIdNumber ?? '—'}</dd>
              {row.applicantLegalRep ? (
                <>
                  <dt>{F.legalRepLabel}</dt>
                  <dd>{row.applicantLegalRep}</dd>
                </>
              ) : null}
              {row.applicantContact ? (
                <>
                  <dt>{F.contactLabel}</dt>
                  <dd>{row.applicantContact}</dd>
                </>
              ) : null}
              <dt>{F.phoneLabel}</dt>
              <dd>{row.applicantPhone ?? '—'}</dd>
              <dt>{F.emailLabel}</dt>
              <dd>{row.applicantEmail ?? '—'}</dd>
              <dt>{F.addressLabel}</dt>
              <dd>
                {row.applicantAddress ?? '—'} {row.applicantPostcode ?? ''}
              </dd>
            </dl>
          </Section>
          {view.fees.length > 0 ? (
            <Section title={C.feesTitle} id="fees">
              <ul class="bare">
                {view.fees.map((f) => (
                  <li>
                    {C.feeRow(f.amount, A.feeSchedules[f.schedule as keyof typeof A.feeSchedules] ?? f.schedule, f.noticeOn, f.payBy)}{' '}
                    <span class="badge muted">{C.feeStatuses[f.status] ?? f.status}</span>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          <Section title={A.appealsUi.onCase} id="appeals">
            {view.appeals.length === 0 ? (
              <p class="muted">{A.appealsUi.empty}</p>
            ) : (
              <ul class="bare">
                {view.appeals.map((a) => (
                  <li>
                    <a href={`/admin/${p.agency.code}/appeals/${a.id}`}>{a.ref}</a> {A.appealsUi.types[a.type]}，{a.filedOn}，{A.appealsUi.results[a.result]}
                  </li>
                ))}
              </ul>
            )}
            {view.canHandle && row.receivedOn ? (
              <p>
                <a href={`/admin/${p.agency.code}/appeals?application=${encodeURIComponent(row.ref)}#new-appeal`}>{A.appealsUi.newTitle}</a>
              </p>
            ) : null}
          </Section>
          <Section title={C.handlerTitle} id="handler">
            <p>{view.handlerName ?? C.noHandler}</p>
            {view.canHandle && row.status !== 'discarded' && row.status !== 'pending' ? (
              <form method="post" action={`${href}/assign`} class="stack" novalidate>
                <CsrfField token={p.csrf} />
                <input type="hidden" name="version" value={String(row.version)} />
                <SelectField
                  name="handlerId"
                  label={F.handlerLabel}
                  value={String(row.handlerId ?? '')}
                  error={p.failed?.action === 'assign' ? p.failed.state.fields.handlerId : undefined}
                  options={view.handlers.map((h) => ({ value: String(h.id), label: h.displayName }))}
                />
                <div class="btn-row">
                  <button class="btn secondary" type="submit">
                    {C.assign}
                  </button>
                </div>
              </form>
            ) : null}
          </Section>
        </div>
      </div>
    </Frame>
  );
}

/** The signed answer letter on its own page, for printing and posting (with the applicant's name). */
export function LetterPage(p: Base & { ref: string; letter: string; id: number }): SafeHtml {
  return (
    <Frame {...p} title={C.letterTitle} path={base(p.agency)}>
      <Crumbs
        items={[{ label: C.queueTitle, href: base(p.agency) }, { label: C.caseTitle(p.ref), href: `${base(p.agency)}/${p.id}` }, { label: C.letterTitle }]}
      />
      <section class="card" aria-labelledby="letter-title">
        <h1 id="letter-title" class="letter-title">
          {C.letterTitle}
        </h1>
        <div class="letter">{p.letter}</div>
        <div class="btn-row no-print">
          <button type="button" class="btn secondary" data-print>
            {C.printLetter}
          </button>
        </div>
      </section>
      <script src="/assets/print.js" defer />
    </Frame>
  );
}
