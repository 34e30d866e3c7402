/** How the 领导小组与工作制度 list shows: its columns and its form's fields. */
import { options, type RecordView, yearFrom, yes } from '../records/record-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { MECHANISM_KINDS } from './mechanisms.schema.ts';
import { type Mechanism, mechanismForm } from './mechanisms.service.ts';

const T = t.reports.records.mechanisms;

export const mechanismsView: RecordView<Mechanism> = {
  path: 'mechanisms',
  title: T.heading,
  lead: T.lead,
  columns: [
    { label: T.date, cell: (x) => x.adoptedOn },
    { label: T.kind, cell: (x) => T.kinds[x.kind] },
    { label: T.name, cell: (x) => x.name, wide: true },
    { label: T.adjustedColumn, cell: (x) => yes(x.adjusted) },
    { label: T.reason, cell: (x) => x.reason ?? '' },
    { label: T.detail, cell: (x) => x.detail ?? '', wide: true },
  ],
  fields: [
    { name: 'kind', label: T.kind, kind: 'select', options: options(MECHANISM_KINDS, T.kinds), required: true },
    { name: 'name', label: T.name, kind: 'text', hint: T.nameHint, required: true },
    { name: 'adoptedOn', label: T.adoptedOn, kind: 'date', required: true },
    { name: 'adjusted', label: T.adjusted, kind: 'checkbox' },
    { name: 'reason', label: T.reason, kind: 'text', hint: T.reasonHint },
    { name: 'detail', label: T.detail, kind: 'textarea', rows: 3, hint: T.detailHint },
  ],
  toForm: mechanismForm,
  blank: () => ({ kind: 'leading_group' }),
  yearOfValues: (v, fallback) => yearFrom(v.adoptedOn, fallback),
};
