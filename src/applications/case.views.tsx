/** The case page: its clock and why, the actions in order, the answer, the record; and the printable letter. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { ExplanationStep } from '../calendar/periods.ts';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { OUTCOME_LABELS, type OutcomeCode } from '../vocabulary/codes.ts';
import { Alert, Crumbs, CsrfField, FormErrors, Section, SelectField } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { CaseView } from './applications.queries.ts';
import { eventData } from './applications.repo.ts';
import { extensionRequestOf } from './case.service.ts';
import { casesPath as base, UrgencyBadge } from './console.parts.tsx';

const A = t.applications;
const C = A.console;
const F = A.form;
const S = A.caseStatus;
const K = A.clock;

import { AnswerFilesSection } from './answer-files.views.tsx';
import { ActionForms, type FailedAction } from './case-actions.views.tsx';
import { AnswerSection } from './case-answer.views.tsx';
import { CaseNotifications } from './case-notifications.views.tsx';

export type { FailedAction };

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const weekday = (date: string) => `周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;

/** The explanation of the due date, one row per step of the working-day engine. */
function ExplanationTable({ steps, dueOn }: { steps: readonly ExplanationStep[]; dueOn: string | null }): SafeHtml {
  return (
    <DataTable
      caption={C.explanationCaption}
      rows={steps}
      rowClass={(s) => (s.kind === 'due' ? 'row-due' : s.kind === 'skip' || s.kind === 'paused' ? 'row-off' : undefined)}
      columns={[
        {
          header: C.dateColumn,
          cellClass: 'nowrap',
          cell: (s) => [s.date, ' ', weekday(s.date)],
        },
        {
          header: C.howColumn,
          cell: (s) => [
            s.text.startsWith(s.date) ? s.text.slice(s.date.length).replace(/^\s*(周.)?[，,]?\s*/, '') : s.text,
            s.kind === 'due' && s.date === dueOn ? <strong class="badge ok">{C.dueOn}</strong> : null,
          ],
        },
      ]}
    />
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
      return [
        A.parties[data.party === 'agency' ? 'agency' : 'third_party'],
        s('partyName'),
        s('replyBy') ? K.eventDetail.consultationReceived(s('receivedOn') || null, s('replyBy')) : '',
        s('note'),
      ]
        .filter(Boolean)
        .join('，');
    case 'longer_period':
      return K.eventDetail.longerPeriod(s('dueOn'), s('reason'));
    case 'receipt_date_changed':
      return K.eventDetail.receiptDateChanged(s('from'), s('to'));
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
      return [s('note'), s('reason'), s('rule'), s('text')].filter(Boolean).join('；');
  }
}

/** The case's numbers and dates in one row above everything (each kept on one line). */
function KeyFacts({ view }: { view: CaseView }): SafeHtml {
  const row = view.row;
  const items: [string, string][] = [
    [S.ref, row.ref],
    [C.trackingNo, row.trackingNo ?? '—'],
    [C.receivedOn, row.receivedOn ?? C.notReceivedYet],
    [C.dueOn, row.dueOn ?? '—'],
  ];
  if (row.closedOn) items.push([S.answeredOn, row.closedOn]);
  if (view.docNumber) items.push([S.docNumber, view.docNumber]);
  return (
    <dl class="case-keys">
      {items.map(([label, value]) => (
        <div>
          <dt>{label}</dt>
          <dd class="num">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What the clock rules of issue 14 add under the dates: an open consultation's limit, a 第三十五条 period, a fee's delivery. */
function ClockNotes({ view }: { view: CaseView }): SafeHtml | null {
  const clock = view.snapshot.clock;
  if (!clock) return null;
  const notes: SafeHtml[] = [];
  const pause = clock.openPause;
  if (pause?.kind === 'consultation' && pause.dueOn) {
    notes.push(
      <Alert kind={view.today > pause.dueOn ? 'warn' : 'info'}>
        {view.today > pause.dueOn ? K.summary.consultationLapsed(pause.dueOn) : K.summary.consultationTentative(pause.dueOn)}
      </Alert>,
    );
  }
  if (pause?.kind === 'fee' && !pause.dueOn) notes.push(<Alert kind="info">{K.summary.feeAwaitingDelivery}</Alert>);
  for (const e of view.log) {
    if (e.type !== 'longer_period') continue;
    const d = eventData(e);
    notes.push(<Alert kind="info">{`${K.summary.longerPeriod}：${K.eventDetail.longerPeriod(String(d.dueOn ?? ''), String(d.reason ?? ''))}`}</Alert>);
  }
  return notes.length > 0 ? <div class="stack">{notes}</div> : null;
}

/** The case page: the numbers, the next steps, the clock and why, the answer, the record. */
export function CasePage(p: ConsoleBase & { view: CaseView; flash?: string | undefined; failed?: FailedAction | undefined }): SafeHtml {
  const { view } = p;
  const row = view.row;
  const clock = view.snapshot.clock;
  const href = `${base(p.agency)}/${row.id}`;
  const request = extensionRequestOf(row);
  return (
    <ConsoleFrame {...p} title={C.caseTitle(row.ref)}>
      <Crumbs items={[{ label: C.queueTitle, href: base(p.agency) }, { label: C.caseTitle(row.ref) }]} />
      <div class="page-head">
        <h1>
          {C.caseTitle(row.ref)} <span class={row.status === 'closed' ? 'badge ok' : 'badge info'}>{A.statuses[row.status]}</span>
          {view.lateDays !== null ? <strong class="badge danger">！{S.lateBadge(view.lateDays)}</strong> : null}
          {request ? <span class="badge warn">{C.summary.extension}</span> : null}
        </h1>
      </div>
      <p class="lead">{row.subject}</p>
      <KeyFacts view={view} />
      {p.flash ? <Alert kind="ok">{p.flash}</Alert> : null}
      {p.failed &&
      !view.actions.includes(p.failed.action as never) &&
      !['save_answer', 'sign_answer', 'return_answer'].includes(p.failed.action) &&
      p.failed.state.message ? (
        <FormErrors message={p.failed.state.message} />
      ) : null}
      <Section title={S.nextStep} id="actions">
        <ActionForms view={view} agency={p.agency} csrf={p.csrf} failed={p.failed} />
      </Section>
      <div class="grid-2 case-grid">
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
                      <dt>{S.answeredOn}</dt>
                      <dd>
                        <span class="num">{row.closedOn}</span>{' '}
                        {view.lateDays !== null ? <strong class="badge danger">！{S.late(view.lateDays)}</strong> : <span class="badge ok">{S.onTime}</span>}
                      </dd>
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
                  {view.undecidedExtension ? (
                    <>
                      <dt>{C.summary.extension}</dt>
                      <dd>{S.undecidedExtension(view.undecidedExtension.on, view.undecidedExtension.days)}</dd>
                    </>
                  ) : null}
                </>
              ) : null}
            </dl>
            {clock && view.missingYears.length > 0 ? <Alert kind="warn">{C.provisional(view.missingYears.join('、'))}</Alert> : null}
            <ClockNotes view={view} />
            {view.explanation.length > 0 ? (
              <details class="explain">
                <summary>{C.explanation}</summary>
                <ExplanationTable steps={view.explanation} dueOn={clock?.dueOn ?? null} />
              </details>
            ) : null}
          </Section>
          <Section title={C.answerTitle} id="answer">
            <AnswerSection view={view} agency={p.agency} csrf={p.csrf} failed={p.failed} />
          </Section>
          <AnswerFilesSection view={view} agency={p.agency} csrf={p.csrf} failed={p.failed} />
          <Section title={C.historyTitle} id="history">
            <DataTable
              caption={C.historyCaption}
              rows={view.log}
              columns={[
                { header: C.historyColumns.on, cellClass: 'nowrap', cell: (e) => e.eventOn },
                { header: C.historyColumns.what, cell: (e) => A.events[e.type] ?? (K.events as Record<string, string>)[e.type] ?? e.type },
                { header: C.historyColumns.detail, cell: (e) => eventDetail(e.type, eventData(e)) },
                { header: C.historyColumns.actor, class: 'hide-sm', cell: (e) => e.actorName },
              ]}
            />
          </Section>
          <CaseNotifications rows={view.notifications} />
        </div>
        <div>
          <Section title={C.requestTitle} id="request">
            <dl class="facts stacked">
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
                        {a.source === 'correction' ? <span class="badge info">{t.notifications.correction.sourceLabel}</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
          </Section>
          <Section title={C.applicantTitle} id="applicant">
            <dl class="facts stacked">
              <dt>{C.applicantType}</dt>
              <dd>{A.applicantTypes[row.applicantType as keyof typeof A.applicantTypes] ?? row.applicantType}</dd>
              <dt>{F.nameLabel}</dt>
              <dd>{row.applicantName ?? '—'}</dd>
              <dt>{F.idTypeLabel}</dt>
              <dd>{row.applicantIdType ? (A.idTypes[row.applicantIdType as keyof typeof A.idTypes] ?? row.applicantIdType) : '—'}</dd>
              <dt>{F.idNumberLabel}</dt>
              <dd class="num">{row.applicantIdNumber ?? '—'}</dd>
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
              <dd class="num">{row.applicantPhone ?? '—'}</dd>
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
    </ConsoleFrame>
  );
}
