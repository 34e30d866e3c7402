import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

export type BenchResult = { name: string; figures: Record<string, number | string> };

/** Load from this process against a server in another: requests/s (mean) and latency percentiles. */
export async function load(url: string, seconds = 8, connections = 10): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({ url, duration: seconds, connections, pipelining: 1 });
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** Starts a bare Fastify server in a child process that answers every GET with exactly these bytes. */
export async function startBareServer(body: Buffer, contentType: string): Promise<{ url: string; stop(): void }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bare-')), 'body.bin');
  fs.writeFileSync(file, body);
  const script = `
    const Fastify = require('fastify');
    const body = require('node:fs').readFileSync(${JSON.stringify(file)});
    const app = Fastify({ logger: false });
    app.get('/*', (req, reply) => { reply.type(${JSON.stringify(contentType)}).send(body); });
    app.listen({ host: '127.0.0.1', port: 0 }).then(() => console.log('READY ' + app.server.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() });
  const port = await readyPort(child, /READY (\d+)/);
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

/**
 * Starts `gongkai serve` on a data folder in a child process; resolves with its URL. `stop` resolves once the process
 * has exited: a server shutting down still writes (its page views), so its schema is dropped only after.
 */
export async function startGongkai(env: Record<string, string>): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['bin/gongkai.js', 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // `npm start`'s defaults (level info, the access log on): its stdout is a pipe read and dropped, as a process
    // manager's journal would take it.
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
  });
  const port = await readyPort(child, /已启动：http:\/\/127\.0\.0\.1:(\d+)\//);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

function readyPort(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let ready = false;
    child.stdout?.on('data', (c: Buffer) => {
      if (ready) return; // the access log after start-up is drained, not kept
      out += c.toString();
      const m = pattern.exec(out);
      if (m?.[1]) {
        ready = true;
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`process exited (${code}): ${out}`)));
  });
}

/** Prints a result as aligned lines. */
export function printResult(r: BenchResult): void {
  console.log(`\n== ${r.name}`);
  for (const [k, v] of Object.entries(r.figures)) console.log(`  ${k.padEnd(34)} ${v}`);
}
