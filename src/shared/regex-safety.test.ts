/**
 * No regular expression in src/ backtracks catastrophically. Not a timing test: every regex literal (found with the
 * TypeScript parser) and the validators' own patterns (zod's e-mail) go through recheck, a ReDoS analyser that builds
 * the pattern's automaton and reports exponential or polynomial matching time, with an attack string. A pattern built
 * at run time (`new RegExp`) cannot be checked statically: each one is listed here with why it is safe, and a new
 * one fails the test until it is reviewed. bench/redos.bench.ts feeds long adversarial inputs to the same regexes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, type Diagnostics } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Patterns built at run time, by file, with the reason each is safe. */
const REVIEWED_DYNAMIC: Record<string, string> = {
  'applications/letters.ts': 'a literal string, escaped (escapeRegExp): no quantifier, matched in linear time',
  'applications/probe.service.ts': 'anchored; the only variable part is an agency code ([a-z][a-z0-9-]*), no nested quantifier',
};

type Found = { where: string; source: string; flags: string };

/** Every regex literal and every `new RegExp(...)` site of the source files (tests excluded). */
function scan(): { literals: Found[]; dynamic: string[] } {
  const literals: Found[] = [];
  const dynamic: string[] = [];
  const files = fs.readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
  for (const file of files) {
    const text = fs.readFileSync(path.join(SRC, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const m = /^\/([\s\S]*)\/([a-z]*)$/.exec(node.getText()) as RegExpExecArray;
        literals.push({ where: where(node), source: m[1] as string, flags: m[2] as string });
      }
      if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText() === 'RegExp') dynamic.push(file);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, dynamic };
}

const describeResult = (r: Diagnostics) =>
  r.status === 'vulnerable' ? `${r.complexity.summary}, e.g. ${r.attack.pattern}` : r.status === 'unknown' ? `unknown (${r.error.kind})` : r.status;

describe('regular expressions', () => {
  const { literals, dynamic } = scan();

  it('finds the literals of src/ (the scan works)', () => {
    expect(literals.length).toBeGreaterThan(100);
    expect(literals.some((l) => l.where.startsWith('documents/personal-data.ts'))).toBe(true);
  });

  it('has no literal with exponential or polynomial backtracking (recheck)', async () => {
    const all = [...literals, { where: 'zod: z.email()', source: z.regexes.email.source, flags: z.regexes.email.flags }];
    const unsafe: string[] = [];
    // One at a time: the analyser serves one check at a time, and a queued check's timeout would run out. A fixed seed
    // makes its fuzzing (for patterns its automaton cannot model) repeatable.
    for (const l of all) {
      const result = await check(l.source, l.flags, { timeout: 20_000, randomSeed: 20261206 });
      if (result.status !== 'safe') unsafe.push(`${l.where} /${l.source}/${l.flags}: ${describeResult(result)}`);
    }
    expect(unsafe).toEqual([]);
  }, 180_000);

  it('builds no pattern at run time that nobody reviewed', () => {
    expect([...new Set(dynamic)].sort()).toEqual(Object.keys(REVIEWED_DYNAMIC).sort());
  });
});
