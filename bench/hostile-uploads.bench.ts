// Hostile uploads (issue 11, finding 8): the server process's resident memory before, at peak and after uploading
// a PDF flate bomb, DOCX zip bombs and a many-entries archive, one at a time and four at once, through the real
// drafting form of a `gongkai serve` process. Text extraction runs in child processes, whose peak is shown apart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAgency } from '../src/agencies/agencies.service.ts';
import { loadConfig } from '../src/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { systemActor } from '../src/shared/actor.ts';
import { systemClock } from '../src/shared/clock.ts';
import { createUser } from '../src/users/users.service.ts';
import { FetchAgent, rssMiB } from '../test/support/fetch-agent.ts';
import { minimalPdf } from '../test/support/files.ts';
import { docxZipBomb, manyEntriesZip, pdfFlateBomb } from '../test/support/hostile-files.ts';
import { startServerProcess } from '../test/support/server.ts';
import type { BenchResult } from './support.ts';

const PASSWORD = 'Bench-passw0rd';
const DRAFT = { title: '基准测试文件', category: 'news', issuedOn: '2024-06-10', body: '<p>正文</p>' };

/** The processes the server started (its extraction children), from /proc. */
function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Samples the server's RSS (and the largest child's) every 20 ms while `work` runs. */
async function sampled<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number; childPeak: number; ms: number }> {
  let peak = rssMiB(pid);
  let childPeak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
    for (const c of childrenOf(pid)) {
      const rss = rssMiB(c);
      if (!Number.isNaN(rss)) childPeak = Math.max(childPeak, rss);
    }
  }, 20);
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, peak, childPeak, ms: Math.round(performance.now() - t0) };
  } finally {
    clearInterval(timer);
  }
}

export async function run(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-hostile-'));
  const config = loadConfig({ GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent' });
  const handle = await openRuntime(config);
  try {
    const deps = { db: handle.db, clock: systemClock };
    const agency = await createAgency(deps, systemActor('基准测试'), { code: 'bench', name: '基准测试局', kind: 'department' });
    await createUser(deps, systemActor('基准测试'), {
      username: 'bench',
      displayName: '基准',
      password: PASSWORD,
      roles: [{ agencyId: agency.id, role: 'editor' }],
    });
  } finally {
    await handle.destroy();
  }
  const server = await startServerProcess({ GONGKAI_DATA_DIR: dataDir });
  const figures: Record<string, number | string> = {};
  try {
    const agent = async () => {
      const a = new FetchAgent(server.url);
      await a.login('bench', PASSWORD);
      await a.page('/admin/bench/documents/new');
      return a;
    };
    const upload = async (a: FetchAgent, fileName: string, data: Buffer) => {
      await a.page('/admin/bench/documents/new');
      const res = await a.postMultipart('/admin/bench/documents/new', DRAFT, [{ field: 'attachment', fileName, data }]);
      return res.status;
    };
    const editor = await agent();
    // Warm up: one honest PDF (this also starts the first extraction child), then the baseline.
    const cold = await sampled(server.pid, () => upload(editor, 'cold.pdf', minimalPdf('warm up')));
    const warm = await sampled(server.pid, () => upload(editor, 'warm.pdf', minimalPdf('warm up')));
    figures['honest PDF, first / next (ms)'] = `${cold.ms} / ${warm.ms}`;
    figures['server RSS before (MiB)'] = rssMiB(server.pid);

    const bombs: [string, string, Buffer][] = [
      ['PDF flate bomb, one 384 MiB string', 'bomb.pdf', pdfFlateBomb()],
      ['PDF flate bomb, 384 MiB of operators', 'ops.pdf', pdfFlateBomb({ shape: 'operators' })],
      ['DOCX zip bomb 1 GiB, honest', 'honest.docx', docxZipBomb()],
      ['DOCX zip bomb 1 GiB, lying directory', 'lying.docx', docxZipBomb({ lying: true })],
      ['DOCX of 60,000 entries', 'many.docx', manyEntriesZip(60_000)],
    ];
    for (const [label, fileName, data] of bombs) {
      const r = await sampled(server.pid, () => upload(editor, fileName, data));
      figures[`${label} (${Math.round(data.length / 1024)} KB)`] =
        `HTTP ${r.result} in ${r.ms} ms; server peak ${r.peak} MiB, after ${rssMiB(server.pid)} MiB; child peak ${r.childPeak} MiB`;
    }
    const agents = await Promise.all([0, 1, 2, 3].map(() => agent()));
    for (const [label, data] of [
      ['four PDF bombs at once', pdfFlateBomb()],
      ['four DOCX bombs at once', docxZipBomb()],
    ] as const) {
      const r = await sampled(server.pid, () => Promise.all(agents.map((a, i) => upload(a, `${i}.${label.includes('PDF') ? 'pdf' : 'docx'}`, data))));
      figures[label] = `HTTP ${r.result.join(',')} in ${r.ms} ms; server peak ${r.peak} MiB, after ${rssMiB(server.pid)} MiB; child peak ${r.childPeak} MiB`;
    }
    figures['server still serves'] = (await fetch(`${server.url}/health`)).status === 200 ? 'yes' : 'NO';
    figures['server RSS at the end (MiB)'] = rssMiB(server.pid);
    return { name: 'hostile uploads: server memory (RSS) before, at peak and after', figures };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
