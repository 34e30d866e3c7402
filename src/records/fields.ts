/** Form fields the record modules' schemas share (zod): real dates, report years, checkboxes. */
import { z } from 'zod';
import { t } from '../shared/i18n/zh-CN.ts';

const r = t.reports.records;

/** A real calendar date as 'YYYY-MM-DD'. */
export const dateField = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: r.dateRequired(label) })
      .regex(/^\d{4}-\d{2}-\d{2}$/, r.badDate(label))
      .refine((s) => {
        const d = new Date(`${s}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
      }, r.badDate(label)),
  );

/** A date that may be left empty (an empty field is "not given"). */
export const optionalDate = (label: string) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), dateField(label).optional());

/** A report year the platform can hold. */
export const yearField = z.coerce
  .number({ error: t.reports.figures.badYear })
  .int(t.reports.figures.badYear)
  .min(2008, t.reports.figures.badYear)
  .max(2299, t.reports.figures.badYear);

/** A checkbox: present ("on", "1", "true", true) means yes. */
export const checkbox = z.preprocess((v) => v === true || v === 'on' || v === '1' || v === 'true' || v === 1, z.boolean());

/** A checkbox's answer as the database stores it (0/1). */
export const flag = (b: boolean) => (b ? 1 : 0);
