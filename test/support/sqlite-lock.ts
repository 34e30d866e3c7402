import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Another process (as the command line would be) holding SQLite's write lock: BEGIN IMMEDIATE, then COMMIT when told
// on stdin, or by itself after `releaseAfterMs`.
const HOLDER = `
const db = new (require('better-sqlite3'))(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
let done = false;
const release = () => { if (done) return; done = true; db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); process.exit(0); };
const ms = Number(process.argv[2]);
if (ms > 0) setTimeout(release, ms);
process.stdin.on('data', release);
process.stdin.on('end', release);
process.stdout.write('locked\\n');
`;

export type WriteLock = { released: Promise<void>; release(): Promise<void> };

/** Holds the write lock of a SQLite file from a second process; resolves once the lock is held. */
export function holdWriteLock(file: string, opts: { releaseAfterMs?: number } = {}): Promise<WriteLock> {
  const child: ChildProcess = spawn(process.execPath, ['-e', HOLDER, file, String(opts.releaseAfterMs ?? 0)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('locked\n')) {
        resolve({
          released,
          release: async () => {
            if (child.exitCode === null) child.stdin?.end('go\n');
            await released;
          },
        });
      }
    });
    child.once('exit', (code) => {
      if (!output.includes('locked\n')) reject(new Error(`lock holder exited with ${code}: ${output}`));
    });
  });
}
