/** How the 培训与会议 list shows: its columns and its form's fields. */
import { options, type RecordView, yearFrom } from '../records/record-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { TRAINING_KINDS } from './trainings.schema.ts';
import { type Training, trainingForm } from './trainings.service.ts';

const T = t.reports.records.trainings;

export const trainingsView: RecordView<Training> = {
  path: 'trainings',
  title: T.heading,
  lead: T.lead,
  columns: [
    { label: T.heldOn, cell: (x) => x.heldOn },
    { label: T.kind, cell: (x) => T.kinds[x.kind] },
    { label: T.topic, cell: (x) => x.topic, wide: true },
    { label: T.attendance, cell: (x) => (x.attendance > 0 ? x.attendance : ''), num: true },
    { label: T.notes, cell: (x) => x.notes ?? '', wide: true },
  ],
  fields: [
    { name: 'heldOn', label: T.heldOn, kind: 'date', required: true },
    { name: 'kind', label: T.kind, kind: 'select', options: options(TRAINING_KINDS, T.kinds), required: true },
    { name: 'topic', label: T.topic, kind: 'text', hint: T.topicHint, required: true },
    { name: 'attendance', label: T.attendance, kind: 'number', hint: T.attendanceHint },
    { name: 'notes', label: T.notes, kind: 'textarea', rows: 3 },
  ],
  toForm: trainingForm,
  blank: () => ({ kind: 'training' }),
  yearOfValues: (v, fallback) => yearFrom(v.heldOn, fallback),
};
