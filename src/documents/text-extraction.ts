/**
 * Reading the text of PDF and DOCX attachments outside the server's heap (issue 11: a 400 KB PDF whose content
 * stream inflates to 384 MiB ended the server in a V8 fatal error; a 1 MB DOCX took it to 2.2 GB). The work runs in
 * child processes (extract-text.child.ts), at most `concurrency` at a time per server process, each job under a time
 * limit, a memory limit (V8's heap flag, and the child's resident memory watched from here, because pdf.js' buffers
 * live outside the heap) and an output limit. A child past a limit is killed; the caller keeps the file and records
 * why its text is missing. Children are reused while they stay small and leave after a while idle.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What became of an attachment's text; stored with it (attachments.text_status). */
export type TextStatus = 'read' | 'cut' | 'none' | 'failed' | 'timeout' | 'too_big' | 'busy';
export const TEXT_STATUSES: readonly TextStatus[] = ['read', 'cut', 'none', 'failed', 'timeout', 'too_big', 'busy'];

export type ExtractionResult = { text: string; status: TextStatus };
export type ExtractionJob = { kind: 'pdf' | 'docx'; data: Uint8Array; maxChars: number };
export type ExtractionReply = { ready: true } | { ok: true; text: string; cut: boolean } | { ok: false; error: string };

const MiB = 1024 * 1024;

export const EXTRACTION_LIMITS = {
  /** Longest one file may take. */
  timeoutMs: 20_000,
  /** Most resident memory a child may use (heap, buffers and all). */
  memoryBytes: 512 * MiB,
  /** V8 heap of a child, within the above. */
  heapMb: 384,
  /** Characters of text kept (search and the personal-data check read them). */
  maxChars: 200_000,
  /** Extractions at once per server process, and how many more may wait (beyond: not read, status 'busy'). */
  concurrency: 2,
  maxWaiting: 32,
  /** A child larger than this after a job is not reused. */
  reuseBelowBytes: 256 * MiB,
  idleMs: 30_000,
  startMs: 30_000,
};

const CHILD = fileURLToPath(new URL('./extract-text.child.ts', import.meta.url));
// The child is TypeScript like the rest: started with the tsx loader the server itself runs under.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const WATCH_EVERY_MS = 25;

type Child = { process: ChildProcess; ready: Promise<boolean>; idleTimer?: NodeJS.Timeout };

/** Resident memory of a process in bytes (Linux /proc), or 0 where it cannot be read (then only the heap flag limits). */
function residentBytes(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function spawnChild(): Child {
  const child = fork(CHILD, [], {
    execArgv: ['--import', TSX_LOADER, `--max-old-space-size=${EXTRACTION_LIMITS.heapMb}`],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  child.on('error', () => {
    // A failed spawn also ends in 'exit', which settles whatever waits on this child.
  });
  const ready = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(false);
    }, EXTRACTION_LIMITS.startMs);
    child.once('message', () => {
      clearTimeout(timer);
      resolve(true);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  return { process: child, ready };
}

/** A counting semaphore that hands a released slot straight to the next waiter. */
class Slots {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  /** Resolves when a slot is held; null when too many already wait. */
  acquire(maxWaiting: number): Promise<void> | null {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    if (this.waiting.length >= maxWaiting) return null;
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

const slots = new Slots(EXTRACTION_LIMITS.concurrency);
const idle: Child[] = [];

function takeChild(): Child {
  let child = idle.pop();
  while (child && (child.process.exitCode !== null || child.process.signalCode !== null || !child.process.connected)) child = idle.pop();
  child ??= spawnChild();
  clearTimeout(child.idleTimer);
  child.process.ref();
  child.process.channel?.ref();
  return child;
}

function putBack(child: Child): void {
  if (child.process.exitCode !== null || residentBytes(child.process.pid) > EXTRACTION_LIMITS.reuseBelowBytes) {
    child.process.kill('SIGKILL');
    return;
  }
  // An idle child never keeps the server (or a command) from exiting.
  child.process.unref();
  child.process.channel?.unref();
  child.idleTimer = setTimeout(() => {
    const i = idle.indexOf(child);
    if (i !== -1) idle.splice(i, 1);
    child.process.kill('SIGKILL');
  }, EXTRACTION_LIMITS.idleMs);
  child.idleTimer.unref();
  idle.push(child);
}

// A crash of V8 itself (heap limit, "invalid size error") ends the child with SIGABRT / SIGTRAP: it ran out of room.
const OUT_OF_MEMORY_SIGNALS = new Set(['SIGABRT', 'SIGTRAP', 'SIGKILL']);

function runJob(child: Child, job: ExtractionJob): Promise<ExtractionResult> {
  return new Promise((resolve) => {
    const proc = child.process;
    let settled = false;
    const finish = (result: ExtractionResult, reusable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      proc.off('message', onMessage);
      proc.off('exit', onExit);
      if (reusable) putBack(child);
      else proc.kill('SIGKILL');
      resolve(result);
    };
    const onMessage = (reply: ExtractionReply) => {
      if ('ready' in reply) return;
      finish(reply.ok ? { text: reply.text, status: reply.cut ? 'cut' : 'read' } : { text: '', status: 'failed' }, true);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      const outOfMemory = (signal !== null && OUT_OF_MEMORY_SIGNALS.has(signal)) || code === 134 || code === 133;
      finish({ text: '', status: outOfMemory ? 'too_big' : 'failed' }, false);
    };
    const timer = setTimeout(() => finish({ text: '', status: 'timeout' }, false), EXTRACTION_LIMITS.timeoutMs);
    const watch = setInterval(() => {
      if (residentBytes(proc.pid) > EXTRACTION_LIMITS.memoryBytes) finish({ text: '', status: 'too_big' }, false);
    }, WATCH_EVERY_MS);
    proc.on('message', onMessage);
    proc.on('exit', onExit);
    proc.send(job, (error) => {
      if (error) finish({ text: '', status: 'failed' }, false);
    });
  });
}

/**
 * The text of a PDF or DOCX file, read in a child process within the limits above. Never throws: a file that cannot
 * be read, or that passes a limit, gives empty text and a status saying why.
 */
export async function extractText(kind: 'pdf' | 'docx', data: Buffer): Promise<ExtractionResult> {
  const slot = slots.acquire(EXTRACTION_LIMITS.maxWaiting);
  if (!slot) return { text: '', status: 'busy' };
  await slot;
  try {
    const child = takeChild();
    if (!(await child.ready)) {
      child.process.kill('SIGKILL');
      return { text: '', status: 'failed' };
    }
    return await runJob(child, { kind, data, maxChars: EXTRACTION_LIMITS.maxChars });
  } finally {
    slots.release();
  }
}
