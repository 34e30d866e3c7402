#!/usr/bin/env node
/**
 * `npm run deps:graph`: the import graph of src/ folded to its top-level folders (a file at the root of src/ is its
 * own node), counting runtime imports only (`import type` and all-`type` imports left out, as the rules do).
 * Prints every folder-level edge with how many imports carry it, then the strongly connected components: a component
 * of more than one folder is an import cycle between folders. Exits 1 when there is one.
 *
 * Usage: npm run deps:graph [-- --tests]   (--tests also counts the unit tests that sit beside the code)
 *        npm run deps:graph -- --config FILE
 */
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const args = process.argv.slice(2);
const withTests = args.includes('--tests');
const configAt = args.indexOf('--config');
const configFile = configAt >= 0 ? args[configAt + 1] : './.dependency-cruiser.cjs';

const options = await extractDepcruiseOptions(configFile);
// Only the graph is wanted here: the rules run in `npm run deps`.
options.ruleSet = { forbidden: [] };
options.validate = false;
const tsConfig = extractTSConfig(options.tsConfig?.fileName ?? 'tsconfig.json');
const { output } = await cruise(['src'], options, {}, { tsConfig });

const isTest = (path) => /\.test\.tsx?$/.test(path);
const folderOf = (path) => {
  const match = /^src\/([^/]+)/.exec(path);
  return match ? match[1] : null;
};

/** @type {Map<string, Map<string, number>>} */
const edges = new Map();
const nodes = new Set();
for (const mod of output.modules) {
  const from = folderOf(mod.source);
  if (!from || (!withTests && isTest(mod.source))) continue;
  nodes.add(from);
  for (const dep of mod.dependencies) {
    if (dep.dependencyTypes.includes('type-only')) continue;
    const to = folderOf(dep.resolved);
    if (!to || to === from) continue;
    const out = edges.get(from) ?? new Map();
    out.set(to, (out.get(to) ?? 0) + 1);
    edges.set(from, out);
  }
}

// Tarjan's strongly connected components.
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
let counter = 0;
const visit = (v) => {
  index.set(v, counter);
  low.set(v, counter);
  counter++;
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    components.push(component.sort());
  }
};
const sorted = [...nodes].sort();
for (const v of sorted) if (!index.has(v)) visit(v);

// Depth: the longest chain of imports below a folder (0 = imports no other folder), read from the components.
const componentOf = new Map(components.flatMap((c, i) => c.map((v) => [v, i])));
const depth = new Map();
for (const [i, component] of components.entries()) {
  // Tarjan emits components in reverse topological order: every component a folder imports is already done.
  let d = 0;
  for (const v of component) for (const w of edges.get(v)?.keys() ?? []) if (componentOf.get(w) !== i) d = Math.max(d, depth.get(componentOf.get(w)) + 1);
  depth.set(i, d);
}

console.log(`folder-level imports in src/ (runtime only${withTests ? ', tests included' : ''}):`);
for (const v of sorted) {
  const out = [...(edges.get(v) ?? new Map()).entries()].sort(([a], [b]) => a.localeCompare(b));
  console.log(`  ${v} -> ${out.length ? out.map(([w, n]) => `${w} (${n})`).join(', ') : '(nothing)'}`);
}
const byDepth = new Map();
for (const [i, component] of components.entries()) byDepth.set(depth.get(i), [...(byDepth.get(depth.get(i)) ?? []), component]);
console.log('\nlayers (a folder imports only folders of lower layers):');
for (const d of [...byDepth.keys()].sort((a, b) => a - b))
  console.log(
    `  ${d}: ${byDepth
      .get(d)
      .map((c) => (c.length > 1 ? `{${c.join(' ')}}` : c[0]))
      .join('  ')}`,
  );
const cycles = components.filter((c) => c.length > 1);
console.log(
  `\nstrongly connected components: ${components.length} for ${nodes.size} folders; sizes of the cyclic ones: ${cycles.map((c) => c.length).join(', ') || 'none'}`,
);
for (const c of cycles) console.log(`  cycle: ${c.join(' ')}`);
process.exitCode = cycles.length ? 1 : 0;
