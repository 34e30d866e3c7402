import { z } from 'zod';
import { yearField } from '../records/fields.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { optionalText } from '../shared/validation.ts';

/** The yearly figures of the interchange kind "figures", in the spec's order. Counts are whole numbers; money keeps decimals. */
export const FIGURE_FIELDS = [
  'licensingDecisions',
  'penaltyDecisions',
  'coercionDecisions',
  'feesWan',
  'websiteUpdates',
  'websiteVisits',
  'newMediaPosts',
  'newMediaReads',
  'processingFeeNotices',
  'processingFeeCollected',
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];

/** Item counts only the 2019 trial format's table 2 asks for (2019 and 2020 reports); optional. */
export const TRIAL_FIGURE_FIELDS = [
  'licensingItems',
  'otherServiceItems',
  'otherServiceDecisions',
  'penaltyItems',
  'coercionItems',
  'feeItems',
  'procurementItems',
  'procurementAmountWan',
] as const;
export type TrialFigureField = (typeof TRIAL_FIGURE_FIELDS)[number];

/** Fields holding money (万元 or 元), where decimals are kept. */
export const DECIMAL_FIELDS: ReadonlySet<string> = new Set(['feesWan', 'processingFeeCollected', 'procurementAmountWan']);

/** One agency's figures for one year, as the report reads them. */
export type YearlyFigures = Record<FigureField, number> &
  Record<TrialFigureField, number | null> & {
    year: number;
    /** The new-media accounts as the report names them, e.g. “聊城工信”微信公众号. */
    newMediaAccounts: string | null;
  };

/** Figures of a year nobody entered: zeros, so the tables still print. */
export function emptyFigures(year: number): YearlyFigures {
  return {
    year,
    ...(Object.fromEntries(FIGURE_FIELDS.map((f) => [f, 0])) as Record<FigureField, number>),
    ...(Object.fromEntries(TRIAL_FIGURE_FIELDS.map((f) => [f, null])) as Record<TrialFigureField, null>),
    newMediaAccounts: null,
  };
}

/** Blank form fields and nulls read as "not given". */
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** An amount; a blank or missing one is undefined (the form shows an empty field for a trial item never entered). */
function amount(label: string, decimals: boolean) {
  return z.preprocess(
    (v) => (blank(v) ? undefined : typeof v === 'string' ? Number(v.trim().replace(/,/g, '')) : v),
    z
      .number({ error: t.reports.figures.notNumber(label) })
      .refine((n) => Number.isFinite(n) && n >= 0, t.reports.figures.notNumber(label))
      .refine((n) => decimals || Number.isInteger(n), t.reports.figures.notWhole(label))
      .refine((n) => n <= 1e12, t.reports.figures.tooLarge(label))
      .optional(),
  );
}

const shape = {
  ...Object.fromEntries(FIGURE_FIELDS.map((f) => [f, amount(t.reports.figures.fields[f], DECIMAL_FIELDS.has(f)).transform((n) => n ?? 0)])),
  ...Object.fromEntries(TRIAL_FIGURE_FIELDS.map((f) => [f, amount(t.reports.figures.fields[f], DECIMAL_FIELDS.has(f))])),
} as unknown as Record<FigureField, z.ZodType<number>> & Record<TrialFigureField, z.ZodType<number | undefined>>;

/** What staff enter (or an import carries) for one year; missing counts are 0, missing trial-format items are absent. */
export const figuresInputSchema = z.object({
  year: yearField,
  ...shape,
  newMediaAccounts: optionalText(200),
});
export type FiguresInput = z.infer<typeof figuresInputSchema>;
