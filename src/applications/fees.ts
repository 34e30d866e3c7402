/**
 * 信息处理费 (第四十二条, 国办函〔2020〕109号): two progressive schedules, one per application, never both.
 * Pure functions; amounts are whole yuan.
 */

export const FEE_SCHEDULES = ['per_application', 'per_page'] as const;
export type FeeSchedule = (typeof FEE_SCHEDULES)[number];

/** Applications an applicant may make in one calendar month before 按件 fees start. */
export const FREE_APPLICATIONS_PER_MONTH = 10;
/** Pages provided free of 按量 fees. */
export const FREE_PAGES = 30;

/**
 * The 按件 fee of the applicant's nth application in a calendar month: the first 10 free, the 11th–30th 100 yuan,
 * then each further band of 10 costs 100 yuan more than the band before (31–40: 200, 41–50: 300 …).
 */
export function perApplicationFee(nth: number): number {
  if (!Number.isInteger(nth) || nth < 1) throw new RangeError(`nth must be a positive integer: ${nth}`);
  if (nth <= FREE_APPLICATIONS_PER_MONTH) return 0;
  if (nth <= 30) return 100;
  return 100 * (2 + Math.floor((nth - 31) / 10));
}

/** The 按件 fees of `count` applications by one applicant in one month, together (45 → 5,500 yuan). */
export function perApplicationTotal(count: number): number {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer: ${count}`);
  let total = 0;
  for (let n = 1; n <= count; n++) total += perApplicationFee(n);
  return total;
}

/** The 按量 fee of the pages provided: 1–30 free, 31–100 at 10 yuan, 101–200 at 20, from 201 at 40 (150 → 1,700). */
export function perPageFee(pages: number): number {
  if (!Number.isInteger(pages) || pages < 0) throw new RangeError(`pages must be a non-negative integer: ${pages}`);
  const band = (from: number, to: number, rate: number) => Math.max(0, Math.min(pages, to) - from + 1) * rate;
  return band(31, 100, 10) + band(101, 200, 20) + band(201, Number.POSITIVE_INFINITY, 40);
}

/** The fee under the chosen schedule: `quantity` is the application's place in the applicant's month, or the pages. */
export function feeFor(schedule: FeeSchedule, quantity: number): number {
  return schedule === 'per_application' ? perApplicationFee(quantity) : perPageFee(quantity);
}

/** The calendar month ('YYYY-MM') an application counts in for the 按件 schedule. */
export function feeMonthOf(receivedOn: string): string {
  return receivedOn.slice(0, 7);
}
