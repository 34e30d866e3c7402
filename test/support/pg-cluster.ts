/**
 * A throwaway PostgreSQL cluster of a test's own, to stop and start at will (never the shared test server):
 * initdb-ed into a temp folder and listening on a free port of 127.0.0.1, with the machine's PostgreSQL binaries
 * found as scripts/pg-test-server.sh finds them. As root it runs as the `postgres` OS user (initdb refuses root).
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && fs.existsSync(file)) return file;
  }
  return null;
}

/** The folder holding initdb and pg_ctl: PATH, then pg_config --bindir, then Debian's versioned folders (newest first). */
function binDir(): string | null {
  const onPath = which('initdb');
  if (onPath && which('pg_ctl')) return path.dirname(onPath);
  const pgConfig = which('pg_config');
  if (pgConfig) {
    try {
      const dir = execFileSync(pgConfig, ['--bindir'], { encoding: 'utf8' }).trim();
      if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
    } catch {}
  }
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const dir = path.join(root, v, 'bin');
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

/** The owner of the cluster's files when running as root. */
function postgresUser(): { uid: number; gid: number } | null {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
    };
  } catch {
    return null;
  }
}

/** Why a throwaway cluster cannot be made here, or null when it can. */
export function pgClusterUnavailable(): string | null {
  if (!binDir()) return 'PostgreSQL server binaries (initdb, pg_ctl) not found; install PostgreSQL (Debian: apt-get install postgresql)';
  if (isRoot && !postgresUser()) return 'running as root without a `postgres` OS user to run initdb as';
  if (isRoot && !which('runuser')) return 'running as root without runuser to act as the `postgres` OS user';
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type PgCluster = {
  /** postgres://… of the database `gongkai` in the cluster. */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
};

/** initdb-s, starts and returns a cluster with one empty database; `destroy` stops it and removes its files. */
export async function startPgCluster(): Promise<PgCluster> {
  const reason = pgClusterUnavailable();
  if (reason) throw new Error(reason);
  const bin = binDir() as string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-pg-own-'));
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  fs.mkdirSync(sock);
  const owner = isRoot ? postgresUser() : null;
  if (owner) for (const p of [dir, sock]) fs.chownSync(p, owner.uid, owner.gid);
  const as = (cmd: string, args: string[]) => (owner ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args));
  const pgCtl = path.join(bin, 'pg_ctl');

  await as(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--auth=trust']);
  const port = await freePort();
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${sock}'`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      '',
    ].join('\n'),
  );
  const log = path.join(dir, 'postgres.log');
  let running = false;
  const start = async () => {
    await as(pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = async () => {
    await as(pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    running = false;
  };
  await start();
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query('create database gongkai');
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/gongkai`,
    stop,
    start,
    destroy: async () => {
      if (running) await as(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
