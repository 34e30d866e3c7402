/**
 * The source of "now" for services, so tests can fix time, and the one way to turn an instant into what a person
 * reads: a UTC timestamp (submittedAt, createdAt, sentAt …) is shown only through chinaDate or chinaTime, never by
 * slicing its ISO text (18:28 UTC on 6 December is 7 December in China). China has no DST: CST is always UTC+8.
 */
export interface Clock {
  now(): Date;
  /** Today's calendar date in China (YYYY-MM-DD). */
  today(): string;
}

const CST_OFFSET_MS = 8 * 3600 * 1000;

const instantOf = (instant: Date | string): Date => (typeof instant === 'string' ? new Date(instant) : instant);

/** The calendar date in China of an instant (YYYY-MM-DD). */
export function chinaDate(instant: Date | string): string {
  return new Date(instantOf(instant).getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as pages show it, in China time (2024/10/8 09:01:00). */
export function chinaTime(instant: Date | string): string {
  return instantOf(instant).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => chinaDate(new Date()),
};

/** A clock fixed at one instant (tests, demo data). */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at), today: () => chinaDate(at) };
}
