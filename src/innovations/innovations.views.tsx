/** How the 工作创新 list shows: its columns and its form's fields. */
import { type RecordView, yearFrom } from '../records/record-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { type Innovation, innovationForm } from './innovations.service.ts';

const T = t.reports.records.innovations;

export const innovationsView: RecordView<Innovation> = {
  path: 'innovations',
  title: T.heading,
  lead: T.lead,
  columns: [
    { label: T.notedOn, cell: (x) => x.notedOn },
    { label: T.title, cell: (x) => x.title },
    { label: T.summary, cell: (x) => x.summary, wide: true },
  ],
  fields: [
    { name: 'notedOn', label: T.notedOn, kind: 'date', required: true },
    { name: 'title', label: T.title, kind: 'text', hint: T.titleHint, required: true },
    { name: 'summary', label: T.summary, kind: 'textarea', rows: 4, hint: T.summaryHint, required: true },
  ],
  toForm: innovationForm,
  blank: () => ({}),
  yearOfValues: (v, fallback) => yearFrom(v.notedOn, fallback),
};
