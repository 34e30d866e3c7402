/** How the 建议提案办理 list shows: its columns, its form's fields and the year's tally. */
import { options, type RecordView, yearFrom, yes } from '../records/record-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { PROPOSAL_KINDS, SATISFACTION } from './proposals.schema.ts';
import { formatRate, type Proposal, proposalForm, summarizeProposals } from './proposals.service.ts';

const r = t.reports.records;
const P = r.proposals;

export const proposalsView: RecordView<Proposal> = {
  path: 'proposals',
  title: P.heading,
  lead: P.lead,
  columns: [
    { label: P.kind, cell: (x) => P.kinds[x.kind] },
    { label: P.number, cell: (x) => x.number },
    { label: P.title, cell: (x) => x.title, wide: true },
    { label: P.session, cell: (x) => x.session },
    { label: P.handledOn, cell: (x) => x.handledOn ?? '—' },
    { label: P.onTime, cell: (x) => yes(x.onTime) },
    { label: P.replyPublished, cell: (x) => yes(x.replyPublished) },
    { label: P.satisfaction, cell: (x) => (x.satisfaction ? P.satisfactions[x.satisfaction] : P.noSatisfaction) },
  ],
  fields: [
    { name: 'year', label: r.year, kind: 'number', required: true },
    { name: 'kind', label: P.kind, kind: 'select', options: options(PROPOSAL_KINDS, P.kinds), required: true },
    { name: 'number', label: P.number, kind: 'text', required: true },
    { name: 'title', label: P.title, kind: 'text', required: true },
    { name: 'session', label: P.session, kind: 'text', hint: P.sessionHint, required: true },
    { name: 'handledOn', label: P.handledOn, kind: 'date' },
    { name: 'onTime', label: P.onTime, kind: 'checkbox' },
    { name: 'replyPublished', label: P.replyPublished, kind: 'checkbox' },
    {
      name: 'satisfaction',
      label: P.satisfaction,
      kind: 'select',
      options: [{ value: '', label: P.noSatisfaction }, ...options(SATISFACTION, P.satisfactions)],
    },
  ],
  toForm: proposalForm,
  blank: (year) => ({ year: String(year), kind: 'cppcc', onTime: 'on' }),
  yearOfValues: (v, fallback) => yearFrom(v.year, fallback),
  summary: (rows) => {
    const s = summarizeProposals(rows);
    return (
      <ul class="summary">
        <li>{P.summary(P.kinds.cppcc, s.cppcc.count, s.cppcc.onTime, s.cppcc.published, formatRate(s.cppcc.rate))}</li>
        <li>{P.summary(P.kinds.npc, s.npc.count, s.npc.onTime, s.npc.published, formatRate(s.npc.rate))}</li>
      </ul>
    );
  },
};
