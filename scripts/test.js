#!/usr/bin/env node
/**
 * `npm test`: checks prerequisites, then runs the vitest projects in order (unit, integration, e2e), stopping at the
 * first project that fails, and ends with one summary line `tests: X passed, Y failed[, Z skipped]`.
 *
 * Usage:
 *   npm test                         all projects: unit, integration, e2e
 *   npm test -- unit                 only the unit project (any of unit / integration / e2e, several allowed)
 *   npm test -- integration -t name  other arguments go to vitest as they are
 *
 * Runs under any Node the package supports (engines: 20.19 and later; CI runs the machine's Node and 22 LTS, see
 * scripts/node22.sh), on the Node that runs it: it checks first that node_modules' native addon was built for it.
 *
 * Environment:
 *   TEST_DATABASE_URL  PostgreSQL for tests; without it PostgreSQL tests skip.
 *                      Get one with: eval "$(scripts/pg-test-server.sh --export)"
 *   CHROMIUM_PATH      browser for e2e tests (default /usr/bin/chromium); passed on to the tests.
 *
 * Counts come from vitest's JSON reporter (numPassedTests / numFailedTests / numPendingTests + numTodoTests),
 * summed over the projects that ran.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROJECTS = ['unit', 'integration', 'e2e'];
const started = Date.now();

const args = process.argv.slice(2);
const selected = args.filter((a) => PROJECTS.includes(a));
const passThrough = args.filter((a) => !PROJECTS.includes(a));
const projects = selected.length > 0 ? PROJECTS.filter((p) => selected.includes(p)) : PROJECTS;

const totals = { passed: 0, failed: 0, skipped: 0 };

function log(msg) {
  console.log(`==> ${msg}`);
}

function summaryAndExit(code) {
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  log(`test run took ${secs}s`);
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exit(code);
}

function fail(msg) {
  console.error(`\n==> ERROR: ${msg}\n`);
  summaryAndExit(1);
}

/** True if `dir` (relative to the project root) holds any *.test.ts / *.test.tsx file, at any depth. */
function hasTestFiles(dir) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return false;
  try {
    return readdirSync(abs, { recursive: true }).some((f) => /\.test\.tsx?$/.test(String(f)));
  } catch {
    return false;
  }
}

function commandExists(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Prerequisites
// ---------------------------------------------------------------------------------------------------------------
const vitestBin = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
if (!existsSync(vitestBin)) {
  fail('vitest is not installed: run `npm ci` (or `npm install`) in the project root first.');
}

// The oldest Node the package supports, from package.json's `engines` (">=20.19").
const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines?.node ?? '';
const [minMajor = 0, minMinor = 0] = (/>=\s*(\d+)(?:\.(\d+))?/.exec(engines) ?? []).slice(1).map(Number);
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < minMajor || (major === minMajor && minor < minMinor)) {
  fail(`Node ${process.version} is too old: the platform needs Node ${engines.replace('>=', '')} or later (22 LTS recommended, see .nvmrc).`);
}
log(`Node ${process.version} (${process.execPath})`);

// better-sqlite3 is compiled for one Node ABI: installed under another Node, every database test would fail on load.
const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: ROOT, encoding: 'utf8' });
if (probe.status !== 0) {
  const lines = (probe.stderr || probe.error?.message || '').split('\n');
  const at = Math.max(
    0,
    lines.findIndex((l) => /^\w*Error\b/.test(l)),
  );
  const why = lines.slice(at, at + 4).join('\n    ');
  fail(
    `better-sqlite3 in node_modules does not load on Node ${process.version} (built for another Node version?):\n` +
      `    ${why}\n` +
      '    Rebuild it for this Node:   npm rebuild better-sqlite3\n' +
      "    (to test on Node 22 beside the machine's Node, run bash scripts/node22.sh: it uses a copy with its own build)",
  );
}

if (projects.some((p) => p !== 'unit') && !process.env.TEST_DATABASE_URL) {
  log('note: TEST_DATABASE_URL is not set, so PostgreSQL tests are skipped. To enable them:\n' + '      eval "$(scripts/pg-test-server.sh --export)"');
}

const childEnv = { ...process.env };

if (projects.includes('e2e')) {
  if (!hasTestFiles('test/e2e')) {
    log('no e2e test files yet: skipping the Chromium check');
  } else {
    const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
    if (!existsSync(chromium)) {
      const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
      if (!process.env.CHROMIUM_PATH && isRoot && commandExists('apt-get')) {
        log('installing chromium (needed by the e2e tests): apt-get install -y chromium');
        const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
        const opts = { stdio: ['ignore', 'inherit', 'inherit'], env };
        let ok = false;
        for (let attempt = 1; attempt <= 3 && !ok; attempt++) {
          if (attempt > 1) log(`retrying the chromium install (attempt ${attempt} of 3)`);
          spawnSync('apt-get', ['update', '-qq'], opts);
          ok = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], opts).status === 0 && existsSync(chromium);
        }
        if (!ok) fail(`installing chromium failed; install it by hand: apt-get install chromium`);
      } else {
        fail(
          `the e2e tests need Chromium, and ${chromium} does not exist.\n` +
            '    Install it (Debian/Ubuntu):   sudo apt-get install chromium\n' +
            '    or point CHROMIUM_PATH at a Chromium/Chrome binary,\n' +
            '    or run the other projects only:   npm test -- unit integration',
        );
      }
    }
    childEnv.CHROMIUM_PATH = chromium;
    for (const [cmd, pkg] of [
      ['soffice', 'libreoffice-writer-nogui'],
      ['pdftotext', 'poppler-utils'],
      ['java', 'default-jre-headless'],
    ]) {
      if (!commandExists(cmd)) log(`warning: \`${cmd}\` not found; e2e tests that need it may fail (apt-get install ${pkg})`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Run the projects
// ---------------------------------------------------------------------------------------------------------------
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-vitest-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.log(`\n==> interrupted (${sig})`);
    totals.failed += totals.failed === 0 ? 1 : 0;
    summaryAndExit(130);
  });
}

for (const project of projects) {
  const out = join(tmp, `${project}.json`);
  const vitestArgs = [vitestBin, 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...passThrough];
  log(`vitest: project ${project}`);
  const res = spawnSync(process.execPath, vitestArgs, { cwd: ROOT, stdio: 'inherit', env: childEnv });
  const code = res.status ?? 1;

  let report = null;
  if (existsSync(out)) {
    try {
      report = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      report = null;
    }
  }
  if (report) {
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }

  if (res.error || code !== 0) {
    // A file that fails to load, an unhandled error or a crash may fail the run without a failed test: count it.
    if (!report || (report.numFailedTests ?? 0) === 0) {
      totals.failed += Math.max(1, report?.numFailedTestSuites ?? 0);
    }
    const why = res.error ? res.error.message : res.signal ? `signal ${res.signal}` : `exit code ${code}`;
    console.log(`\n==> project ${project} FAILED (${why}); not running the projects after it`);
    summaryAndExit(code || 1);
  }
}

summaryAndExit(0);
