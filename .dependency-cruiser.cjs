/**
 * The import rules of src/, checked by dependency-cruiser in `npm run lint` (and alone: `npm run deps`;
 * `npm run deps:graph` prints the folder-level graph). docs/ARCHITECTURE.md draws the layers.
 *
 * Only run-time imports count: `import type` (and an import of nothing but types) is erased by the compiler, so
 * it may point anywhere (db/schema.ts gathers the modules' table types). Unit tests beside the code (`*.test.ts`)
 * are leaves nothing imports, so they may import any module they test.
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * The top-level folders of src/ (a file at the root of src/ counts as a folder of its own), in layers from the
 * bottom. A folder may import any folder of a lower layer, and folders of its own layer only as SAME_LAYER lists.
 */
const LAYERS = [
  // The base: helpers without state, the legal vocabulary, the configuration. Knows no module.
  { name: 'base', folders: ['shared', 'vocabulary', 'config.ts'] },
  // The database: connection, schema, migrations, transactions.
  { name: 'database', folders: ['db'] },
  // What every module uses: the audit chain, HTTP and JSX helpers, full-text search, the interchange engine, the
  // notifications outbox and its dispatcher (they know no feature: callers write the texts).
  { name: 'infrastructure', folders: ['audit', 'web', 'search', 'interchange', 'notifications', 'runtime.ts'] },
  { name: 'agencies', folders: ['agencies'] },
  // Accounts and sessions, and the shells pages sit in: the console's (agency from the URL, CSRF, navigation,
  // page frame) and the portal's (navigation, platform home).
  { name: 'shells', folders: ['users', 'console', 'portal'] },
  // Modules the features build on: working days and periods, the record-CRUD kit.
  { name: 'kits', folders: ['calendar', 'records'] },
  {
    name: 'features',
    folders: [
      'figures',
      'proposals',
      'trainings',
      'workpoints',
      'rectification',
      'mechanisms',
      'innovations',
      'applications',
      'appeals',
      'reports',
      'documents',
      'admin',
      'performance',
      'compliance',
      'city',
      'proactive',
      'workbench',
      'guide',
    ],
  },
  // The composition root: registries and ports, the one place that knows every module.
  { name: 'composition', folders: ['composition.ts'] },
  // What starts the platform: the app, the server, the demo data, the command line.
  { name: 'entry points', folders: ['app.tsx', 'server.ts', 'demo', 'cli'] },
];

/**
 * Imports between folders of one layer, written out so that they can never form a cycle (checked below). Between
 * features, a two-way relation goes through a port wired in composition.ts (e.g. a case's appeals).
 */
const SAME_LAYER = {
  // Every message sent (or given up) is audited.
  notifications: ['audit'],
  // Appeals link to cases (they look a case up by its number).
  appeals: ['applications'],
  // The annual report is drafted from the yearly figures and the records it speaks of; tables 2–4 come through
  // ReportSources (composition.ts), so it imports neither documents nor applications.
  reports: ['figures', 'proposals', 'trainings', 'workpoints', 'rectification', 'mechanisms', 'innovations'],
  // The column lists the published reports; table 2's counting rules are the report's.
  documents: ['reports'],
  // The console home reminds of the report's deadline; the agency's home is the workbench.
  admin: ['reports', 'workbench'],
  performance: ['applications', 'documents', 'reports'],
  // The self-check reads every module; findings become rectification items.
  compliance: ['applications', 'documents', 'reports', 'rectification'],
  city: ['applications', 'compliance', 'performance', 'reports'],
  // 依申请公开转主动公开: reads disclosed cases, starts a 主动公开 draft.
  proactive: ['applications', 'documents'],
  // The 公开指南 is generated from the application settings and the column's categories.
  guide: ['applications', 'documents'],
  'server.ts': ['app.tsx'],
  cli: ['app.tsx', 'server.ts', 'demo'],
};

const placed = LAYERS.flatMap((l) => l.folders);
const TEST = '\\.test\\.tsx?$';
/** The path pattern of a top-level folder (or root file) of src/. */
const at = (folder) => (/\.tsx?$/.test(folder) ? `^src/${folder.replaceAll('.', '\\.')}$` : `^src/${folder}/`);

// Every entry of src/ must have a layer: a new folder is placed here before it can be imported.
const unplaced = fs
  .readdirSync(path.join(__dirname, 'src'), { withFileTypes: true })
  .filter((e) => (e.isDirectory() || /\.tsx?$/.test(e.name)) && !new RegExp(TEST).test(e.name))
  .map((e) => e.name)
  .filter((name) => !placed.includes(name));
if (unplaced.length > 0) throw new Error(`.dependency-cruiser.cjs: place ${unplaced.join(', ')} in a layer of LAYERS`);

// The same-layer imports must not form a cycle (layers only ever point down, so the whole graph is then acyclic).
{
  const state = new Map();
  const visit = (folder, trail) => {
    if (state.get(folder) === 'done') return;
    if (state.get(folder) === 'open') throw new Error(`.dependency-cruiser.cjs: SAME_LAYER has a cycle: ${[...trail, folder].join(' -> ')}`);
    state.set(folder, 'open');
    for (const next of SAME_LAYER[folder] ?? []) visit(next, [...trail, folder]);
    state.set(folder, 'done');
  };
  for (const folder of Object.keys(SAME_LAYER)) visit(folder, []);
  for (const [folder, targets] of Object.entries(SAME_LAYER)) {
    const layer = LAYERS.find((l) => l.folders.includes(folder));
    for (const target of targets)
      if (layer && !layer.folders.includes(target))
        throw new Error(`.dependency-cruiser.cjs: ${folder} -> ${target} crosses layers; list only same-layer imports`);
  }
}

/** One rule per folder: what it may import at run time. */
const layerRules = LAYERS.flatMap((layer, i) =>
  layer.folders.map((folder) => {
    const allowed = [folder, ...LAYERS.slice(0, i).flatMap((l) => l.folders), ...(SAME_LAYER[folder] ?? [])];
    const below = LAYERS.slice(0, i).map((l) => l.name);
    const same = SAME_LAYER[folder] ?? [];
    return {
      name: `layer:${folder}`,
      comment:
        `${folder} (layer ${layer.name}) may import at run time its own files` +
        (below.length ? `, the layers below it (${below.join(', ')})` : '') +
        (same.length ? ` and, of its own layer, ${same.join(', ')}` : '') +
        '. Otherwise move the code down a layer, or pass a port from src/composition.ts.',
      severity: 'error',
      from: { path: at(folder), pathNot: TEST },
      to: { path: '^src/', pathNot: allowed.map(at), dependencyTypesNot: ['type-only'] },
    };
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'No import cycle between modules at run time (type-only imports aside): a cycle makes load order matter.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'composition-root-from-the-top-only',
      comment:
        'Routes, services and views get registries and ports from AppDeps.registries (or the CLI context), never by importing the composition root, not even its types.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(app\\.tsx|server\\.ts|composition\\.ts)$', '^src/(cli|demo)/'] },
      to: { path: '^src/composition\\.ts$' },
    },
    {
      name: 'no-composition-in-routes',
      comment: 'A route file (*.routes.ts(x), *.admin.tsx) never imports src/composition.ts (see above; named for the issue).',
      severity: 'error',
      from: { path: '(\\.routes\\.tsx?|\\.admin\\.tsx)$' },
      to: { path: '^src/composition\\.ts$' },
    },
    {
      name: 'migrations-stand-alone',
      comment: 'A migration is frozen the day it lands: it imports only src/db/ (helpers, its copied data) and kysely, never a module.',
      severity: 'error',
      from: { path: '^src/db/migrations/' },
      to: { pathNot: ['^src/db/', '(^|/)node_modules/kysely/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'shared-knows-no-module',
      comment: 'src/shared/ is the base: it imports nothing else in src/ (types of the configuration and the schema aside), so every module can use it.',
      severity: 'error',
      from: { path: '^src/shared/', pathNot: TEST },
      to: { path: '^src/', pathNot: ['^src/shared/', '^src/config\\.ts$', '^src/db/schema\\.ts$'] },
    },
    {
      name: 'no-test-packages-in-src',
      comment: 'Code that ships imports only dependencies: devDependencies (vitest, fast-check, playwright …) are for tests.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-tests-from-src',
      comment: 'Code that ships never imports a test file or test/ helpers.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST },
      to: { path: [TEST, '^test/'] },
    },
    {
      name: 'no-undeclared-packages',
      comment: 'Every package imported is declared in package.json.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves to a file or a package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports and that imports nothing is dead (entry points are imported by bin/ and the tests).',
      severity: 'error',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '^src/web/assets/'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Read TypeScript before compilation, so `import type` is seen and can be told apart (dependencyTypes 'type-only').
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
