/**
 * Vitest configuration: three projects, run in this order by `npm test` (scripts/test.js):
 *   unit         src/**\/*.test.ts(x), test/unit/**\/*.test.ts(x)  — fast, no services
 *   integration  test/integration/**\/*.test.ts(x)                — may use PostgreSQL (TEST_DATABASE_URL), 2 forks
 *   e2e          test/e2e/**\/*.test.ts(x)                        — Chromium / LibreOffice etc., one file at a time
 * Run one project directly: `npx vitest run --project unit` (or `npm test -- unit`).
 *
 * JSX: .tsx files use our own string-rendering runtime (src/web/jsx/jsx-runtime.ts), reached through the
 * package.json subpath import `#jsx/jsx-runtime`, exactly as tsconfig's `jsxImportSource: "#jsx"` says.
 * Vite 7 (installed with vitest 4.0.x) transforms TS/TSX with esbuild, hence the `esbuild` block. If Vite is ever
 * upgraded to 8+ (oxc instead of esbuild), replace it with `oxc: { jsx: { runtime: 'automatic', importSource: '#jsx' } }`.
 */
import { defineConfig } from 'vitest/config';

const JSX_IMPORT_SOURCE = '#jsx';

export default defineConfig({
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: JSX_IMPORT_SOURCE,
  },
  test: {
    // Folders may still be empty early on; an empty project must not fail the run.
    passWithNoTests: true,
    environment: 'node',
    exclude: ['**/node_modules/**', '**/dist/**', '**/.git/**'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/integration/**/*.test.tsx'],
          pool: 'forks',
          fileParallelism: true,
          maxWorkers: 2,
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/e2e/**/*.test.tsx'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
