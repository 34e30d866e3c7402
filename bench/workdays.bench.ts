/**
 * Benchmark of the working-day engine: how many due dates per second a bulk recomputation achieves (issue 3 asks
 * for a million in a few seconds). Run: `node --import tsx bench/workdays.bench.ts [cases]`.
 */
import { pathToFileURL } from 'node:url';
import { loadChineseDaysArrangements } from '../src/calendar/chinese-days.ts';
import { formatDate, parseDate } from '../src/calendar/civil-date.ts';
import { WorkCalendar } from '../src/calendar/day-table.ts';
import { type ClockEvent, computePeriod, type PeriodInput } from '../src/calendar/periods.ts';

/** A benchmark's name and its figures, as the bench runner prints them. */
export interface BenchResult {
  name: string;
  figures: Record<string, number | string>;
}

// mulberry32: a tiny seeded PRNG, so every run measures the same cases.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random cases: starts in 2020–2026, 20 working days, ~30% with a closed pause, ~10% with an extension. */
function makeCases(n: number): PeriodInput[] {
  const rnd = prng(20240210);
  const first = parseDate('2020-01-01');
  const span = parseDate('2026-12-31') - first + 1;
  const cases: PeriodInput[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const start = first + Math.floor(rnd() * span);
    const events: ClockEvent[] = [];
    if (rnd() < 0.3) {
      const from = start + 1 + Math.floor(rnd() * 20);
      events.push({ type: 'pause', from: formatDate(from), to: formatDate(from + 1 + Math.floor(rnd() * 15)), reason: '征求第三方意见' });
    }
    if (rnd() < 0.1) events.push({ type: 'extend', on: formatDate(start + 10 + Math.floor(rnd() * 15)), days: 20 });
    cases[i] = events.length > 0 ? { start: formatDate(start), days: 20, events } : { start: formatDate(start), days: 20 };
  }
  return cases;
}

const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

/** Runs the benchmark over `cases` generated cases (default 1,000,000) and returns its figures. */
export function run(cases = 1_000_000): BenchResult {
  const buffersBefore = process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  const cal = new WorkCalendar(loadChineseDaysArrangements());
  const buildMs = performance.now() - t0;
  // The calendar's tables are typed arrays, outside the JS heap.
  const calendarTablesMB = mb(process.memoryUsage().arrayBuffers - buffersBefore);
  const heapBeforeInputs = process.memoryUsage().heapUsed;
  const inputs = makeCases(cases);
  const heapBefore = process.memoryUsage().heapUsed;

  // Warm up the JIT on a slice, then time the whole set.
  for (let i = 0; i < Math.min(50_000, cases); i++) computePeriod(cal, inputs[i] as PeriodInput);
  let provisional = 0;
  let checksum = 0;
  const t1 = performance.now();
  for (let i = 0; i < cases; i++) {
    const r = computePeriod(cal, inputs[i] as PeriodInput);
    if (r.provisional) provisional++;
    checksum += r.dueOn?.charCodeAt(9) ?? 0;
  }
  const periodMs = performance.now() - t1;
  const heapAfter = process.memoryUsage().heapUsed;

  const t2 = performance.now();
  for (let i = 0; i < cases; i++) checksum += cal.addWorkdays((inputs[i] as PeriodInput).start, 20).date.charCodeAt(9);
  const addMs = performance.now() - t2;

  const explained = Math.min(10_000, cases);
  const t3 = performance.now();
  let steps = 0;
  for (let i = 0; i < explained; i++) steps += computePeriod(cal, inputs[i] as PeriodInput, { explain: true }).steps.length;
  const explainMs = performance.now() - t3;

  const mem = process.memoryUsage();
  return {
    name: 'workdays',
    figures: {
      cases,
      calendarBuildMs: Math.round(buildMs * 10) / 10,
      calendarTablesMB,
      inputsHeapMB: mb(heapBefore - heapBeforeInputs),
      computePeriodSeconds: Math.round(periodMs) / 1000,
      dueDatesPerSecond: Math.round(cases / (periodMs / 1000)),
      addWorkdaysPerSecond: Math.round(cases / (addMs / 1000)),
      explainedPeriodsPerSecond: Math.round(explained / (explainMs / 1000)),
      averageExplanationSteps: Math.round((steps / explained) * 10) / 10,
      provisionalCases: provisional,
      heapGrowthDuringRunMB: mb(heapAfter - heapBefore),
      heapUsedMB: mb(mem.heapUsed),
      rssMB: mb(mem.rss),
      checksum,
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  const result = run(arg ? Number(arg) : undefined);
  console.log(result.name);
  for (const [k, v] of Object.entries(result.figures)) console.log(`  ${k.padEnd(28)} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`);
}
