// The annual report at the scale issue 6 names, on real data: one agency with 1,000,000 documents (2012–2024) and
// 100,000 applications received in 2022, its 2022 report built through the platform's own report sources.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAgency } from '../src/agencies/agencies.service.ts';
import { loadWorkCalendar } from '../src/calendar/calendar.service.ts';
import { importHandlers } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_CREDIT_CODE } from '../src/demo/demo.ts';
import { importRecords, parseImportText } from '../src/interchange/importer.ts';
import { openRuntime } from '../src/runtime.ts';
import { systemActor } from '../src/shared/actor.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { generateApplications } from './applications.data.ts';
import { generate as generateDocuments } from './documents.bench.ts';
import { run as runReports } from './reports.bench.ts';
import type { BenchResult } from './support.ts';

/** Prepares the database, then times the report (JSON, HTML, DOCX) with the composition's real sources. */
export async function run(docs = Number(process.env.BENCH_DOCS ?? 1_000_000), apps = Number(process.env.BENCH_APPLICATIONS ?? 100_000)): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-report-scale-'));
  try {
    const config = loadConfig({ GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent' });
    let handle = await openRuntime(config);
    const deps = { db: handle.db, clock: fixedClock('2023-01-10T02:00:00Z') };
    const agency = await createAgency(deps, systemActor('基准测试'), { code: 'lcgxj', name: '聊城市工业和信息化局', creditCode: DEMO_CREDIT_CODE });
    const calendar = await loadWorkCalendar(handle.db);
    const t0 = performance.now();
    const text = generateApplications(calendar, agency.code, apps, [2022])
      .map((r) => JSON.stringify(r))
      .join('\n');
    await importRecords(deps, systemActor('基准导入'), importHandlers, parseImportText(text), { replace: false });
    const importS = (performance.now() - t0) / 1000;
    await handle.destroy();
    const gen = generateDocuments(path.join(dataDir, 'gongkai.sqlite'), agency.id, docs);
    handle = await openRuntime(config);
    await handle.destroy();
    process.env.BENCH_DATA_DIR = dataDir;
    process.env.BENCH_AGENCY = agency.code;
    const report = await runReports('composition');
    return {
      name: 'annual report on real data (composition sources)',
      figures: {
        documents: docs,
        applications2022: apps,
        'prepare: import apps s': importS.toFixed(1),
        'prepare: documents s': gen.seconds.toFixed(1),
        ...report.figures,
      },
    };
  } finally {
    // BENCH_KEEP_DATA=1 keeps the prepared database for profiling.
    if (process.env.BENCH_KEEP_DATA === '1') console.log(`data kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  console.log(result.name);
  for (const [k, v] of Object.entries(result.figures)) console.log(`  ${k.padEnd(34)} ${v}`);
}
