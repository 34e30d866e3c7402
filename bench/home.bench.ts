// The portal home page under load, beside a bare Fastify route returning the same bytes (issue 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { buildDemo } from '../src/demo/demo.ts';
import { type BenchResult, load, printResult, startBareServer, startGongkai } from './support.ts';

/** Measures requests/s of `/` and of the bare route, one after the other in one run, and their ratio. */
export async function run(seconds = Number(process.env.BENCH_SECONDS ?? 8)): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-home-'));
  await buildDemo(loadConfig({ GONGKAI_DATA_DIR: dataDir }));
  const app = await startGongkai({ GONGKAI_DATA_DIR: dataDir });
  try {
    const res = await fetch(`${app.url}/`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const bare = await startBareServer(bytes, res.headers.get('content-type') ?? 'text/html');
    try {
      await load(`${app.url}/`, 2); // warm-up
      await load(bare.url, 2);
      const home = await load(`${app.url}/`, seconds);
      const plain = await load(bare.url, seconds);
      return {
        name: 'portal home page vs bare Fastify route (same bytes)',
        figures: {
          'body bytes': bytes.length,
          'home req/s': home.rps,
          'home p50 / p99 ms': `${home.p50} / ${home.p99}`,
          'bare req/s': plain.rps,
          'bare p50 / p99 ms': `${plain.p50} / ${plain.p99}`,
          'ratio home/bare': (home.rps / plain.rps).toFixed(2),
          errors: home.errors + plain.errors,
        },
      };
    } finally {
      bare.stop();
    }
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printResult(await run());
