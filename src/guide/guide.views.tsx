/** The public 政府信息公开指南: six sections generated from the agency's records, the staff's text, a process chart. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { CATEGORIES } from '../documents/documents.tables.ts';
import { AgencyPage, categoryPath, type FrameProps } from '../documents/portal/portal-parts.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { type GuideData, guideUpdatedOn, paragraphs } from './guide.model.ts';
import { GUIDE_SECTIONS, type GuideSectionKey } from './guide.tables.ts';

const G = t.guide;

/** The 依申请公开 steps as a vertical chart: its title and description name every step, as the list beside it does. */
export function ProcessChart(): SafeHtml {
  const w = 320;
  const box = 58;
  const gap = 26;
  const h = G.steps.length * box + (G.steps.length - 1) * gap + 4;
  return (
    <svg class="process-chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby="process-title process-desc" xmlns="http://www.w3.org/2000/svg">
      <title id="process-title">{G.processChartTitle}</title>
      <desc id="process-desc">
        {G.processChartDesc}
        {G.steps.map((s, i) => `${i + 1}. ${s.head}（${s.note}）`).join('；')}。
      </desc>
      {G.steps.map((s, i) => {
        const y = 2 + i * (box + gap);
        return (
          <g>
            <rect x="2" y={y} width={w - 4} height={box} rx="6" class="step-box" />
            <text x={w / 2} y={y + 24} text-anchor="middle" class="step-head">
              {`${i + 1}. ${s.head}`}
            </text>
            <text x={w / 2} y={y + 45} text-anchor="middle" class="step-note">
              {s.note}
            </text>
            {i < G.steps.length - 1 ? (
              <>
                <line x1={w / 2} y1={y + box} x2={w / 2} y2={y + box + gap - 7} class="step-arrow" />
                <polygon points={`${w / 2 - 6},${y + box + gap - 9} ${w / 2 + 6},${y + box + gap - 9} ${w / 2},${y + box + gap - 1}`} class="step-head-arrow" />
              </>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

const Paras = ({ text }: { text: string }) => (
  <>
    {paragraphs(text).map((p) => (
      <p>{p}</p>
    ))}
  </>
);

/** A row of a facts list only when the fact is given (a missing one is for staff to fill, never a placeholder). */
const Fact = ({ label, value }: { label: string; value: string | null | undefined }) =>
  value?.trim() ? (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  ) : null;

const withPhone = (name: string, phone: string | null) => `${name}${phone ? G.telephone(phone) : ''}`;

function OfficeFacts({ d }: { d: GuideData }): SafeHtml {
  const a = d.agency;
  return (
    <dl class="facts">
      <Fact label={t.portal.officeName} value={a.officeName} />
      <Fact label={t.portal.address} value={a.address} />
      <Fact label={t.portal.officeHours} value={a.officeHours} />
      <Fact label={t.portal.phone} value={a.phone} />
      <Fact label={t.portal.fax} value={a.fax} />
      <Fact label={t.portal.email} value={a.email} />
      <Fact label={t.portal.postcode} value={a.postcode} />
    </dl>
  );
}

function Generated({ k, d, base }: { k: GuideSectionKey; d: GuideData; base: string }): SafeHtml {
  const a = d.agency;
  const s = d.settings;
  const code = a.code;
  switch (k) {
    case 'overview':
      return <p>{G.overview(a.name)}</p>;
    case 'organisation':
      return (
        <>
          <dl class="facts">
            <Fact label={G.agencyName} value={a.name} />
            <Fact label={G.departments} value={d.departments.length > 0 ? d.departments.join('、') : null} />
          </dl>
          {s.functions ? (
            <>
              <h3>{G.functions}</h3>
              <Paras text={s.functions} />
            </>
          ) : null}
          <h3>{G.office}</h3>
          <OfficeFacts d={d} />
        </>
      );
    case 'proactive':
      return (
        <>
          <h3>{G.proactiveScope}</h3>
          <p>{G.proactiveScopeText}</p>
          <ul class="guide-categories">
            {CATEGORIES.map((c) => (
              <li>
                <a href={categoryPath(code, c)}>{t.documents.categories[c]}</a>
              </li>
            ))}
          </ul>
          <h3>{G.proactiveWays}</h3>
          <p>{G.proactiveWaysText(`${base}/gk/${code}/`)}</p>
          <h3>{G.proactiveTime}</h3>
          <p>{G.proactiveTimeText}</p>
        </>
      );
    case 'application':
      return (
        <>
          <h3>{G.appOffice}</h3>
          <OfficeFacts d={d} />
          <h3>{G.appChannels}</h3>
          <p>{G.appChannelsLead}</p>
          <ol class="channels">
            <li>
              <strong>{G.channelOnline}</strong>：{G.channelOnlineText}
              <a href={`/gk/${code}/apply`}>{G.channelOnlineLink}</a>
            </li>
            {s.mailingAddress ? (
              <li>
                <strong>{G.channelMail}</strong>：{G.channelMailText(s.mailingAddress, a.postcode)}
              </li>
            ) : null}
            {s.receptionAddress ? (
              <li>
                <strong>{G.channelPerson}</strong>：{G.channelPersonText(s.receptionAddress, a.officeHours)}
              </li>
            ) : null}
            {s.acceptsEmail && a.email ? (
              <li>
                <strong>{G.channelEmail}</strong>：{G.channelEmailText(a.email)}
              </li>
            ) : null}
            {a.fax ? (
              <li>
                <strong>{G.channelFax}</strong>：{G.channelFaxText(a.fax)}
              </li>
            ) : null}
          </ol>
          {a.phone ? <p>{G.channelPhoneNote(a.phone)}</p> : null}
          <p>{G.receiptNote}</p>
          <h3>{G.appProcess}</h3>
          <div class="process">
            <ProcessChart />
            <ol class="process-steps">
              {G.steps.map((st) => (
                <li>
                  <strong>{st.head}</strong>：{st.note}
                </li>
              ))}
            </ol>
          </div>
          <h3>{G.appTime}</h3>
          <p>{G.appTimeText}</p>
          <h3>{G.appFees}</h3>
          <p>{G.appFeesText}</p>
          <ul>
            <li>{G.feePerApplication}</li>
            <li>{G.feePerPage}</li>
          </ul>
          {s.feePayment ? <p>{G.feePayment(s.feePayment)}</p> : null}
          <p>{G.feeDeadline}</p>
        </>
      );
    case 'supervision':
      return (
        <>
          <p>{G.supervisionLead}</p>
          <dl class="facts">
            <Fact label={G.supervisor} value={s.supervisor ? withPhone(s.supervisor, s.supervisorPhone) : null} />
            <Fact label={G.complaintChannels} value={s.complaintChannels} />
            <dt>{G.reviewBody}</dt>
            <dd>{d.reviewBody ? withPhone(d.reviewBody, s.reviewPhone) : G.reviewBodyUnnamed}</dd>
            <dt>{G.court}</dt>
            <dd>{d.court ? withPhone(d.court, s.courtPhone) : G.courtUnnamed}</dd>
          </dl>
        </>
      );
    case 'catalogue':
      return (
        <p>
          {G.catalogueText}
          <a href={`/gk/${code}/list`}>{G.catalogueLink}</a>
        </p>
      );
  }
}

/** The guide page: dated, printable (the print stylesheet drops the frame), every section with the staff's text. */
export function GuidePage(p: Omit<FrameProps, 'title' | 'crumbs'> & { guide: GuideData; base: string }): SafeHtml {
  const d = p.guide;
  return (
    <AgencyPage {...p} title={G.title} crumbs={[{ label: G.title }]}>
      <article class="card prose guide" aria-labelledby="guide-title">
        <h1 id="guide-title">
          {d.agency.name}
          {G.title}
        </h1>
        <p class="muted guide-date">
          {G.updatedOn(guideUpdatedOn(d))}
          <button type="button" class="btn secondary no-print" data-print="">
            {G.print}
          </button>
        </p>
        <nav class="guide-toc no-print" aria-label="指南目录">
          <ol>
            {GUIDE_SECTIONS.map((k) => (
              <li>
                <a href={`#g-${k}`}>{G.sections[k]}</a>
              </li>
            ))}
          </ol>
        </nav>
        {GUIDE_SECTIONS.map((k) => {
          const own = d.sections.get(k);
          return (
            <section aria-labelledby={`g-${k}`}>
              <h2 id={`g-${k}`}>{G.sections[k]}</h2>
              {own?.mode === 'replace' ? null : <Generated k={k} d={d} base={p.base} />}
              {own ? <Paras text={own.body} /> : null}
            </section>
          );
        })}
      </article>
      <script src="/assets/print.js" defer />
    </AgencyPage>
  );
}
