import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyFigures } from '../figures/figures.schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { emptyTable3 } from '../vocabulary/report-format.ts';
import { type GateFacts, reportGate, sectionsToFill, unconfirmed } from './report-gates.ts';
import type { CheckResult, RuleCode } from './report-model.ts';
import { emptyProactiveStats } from './sources.ts';

const F = t.reports.flow;

function facts(o: { figures?: boolean; published?: number; before?: number | null; received?: number; receivedBefore?: number }): GateFacts {
  const applications = emptyTable3();
  applications.received.total = o.received ?? 0;
  const previousApplications = emptyTable3();
  previousApplications.received.total = o.receivedBefore ?? 0;
  return {
    year: 2023,
    figures: o.figures === false ? null : emptyFigures(2023),
    proactive: { ...emptyProactiveStats(), published: o.published ?? 0 },
    previousProactive: o.before === null || o.before === undefined ? null : { ...emptyProactiveStats(), published: o.before },
    applications,
    previousApplications,
  };
}

const check = (rule: RuleCode, ok: boolean): CheckResult => ({ rule, ok, problems: ok ? [] : [`${rule} 的问题`] });

describe('the gates of review and approval', () => {
  it('names the 2023 report that went out with 0 items against 192 the year before', () => {
    const gate = reportGate({ toFill: [], facts: facts({ published: 0, before: 192 }), checks: [] });
    expect(gate.blocking).toEqual([]);
    expect(gate.risks).toEqual([{ key: 'figures:proactive', message: F.proactiveZero(2023, 192) }]);
  });

  it('counts a missing figures record and no application where the year before had some as risks', () => {
    const gate = reportGate({ toFill: [], facts: facts({ figures: false, received: 0, receivedBefore: 2 }), checks: [] });
    expect(gate.risks.map((r) => r.key)).toEqual(['figures:absent', 'figures:applications']);
  });

  it('blocks on 【待填写】 whatever else holds, naming the sections', () => {
    const toFill = sectionsToFill(
      [
        { label: '（四）平台建设', text: '【待填写：网站】' },
        { label: '引言', text: '全文' },
      ],
      '【待填写',
    );
    expect(toFill).toEqual(['（四）平台建设']);
    expect(reportGate({ toFill, facts: null, checks: [] }).blocking).toEqual([F.toFill('（四）平台建设')]);
  });

  it('has one risk per failed check and none when all pass (property)', () => {
    const rules = fc.constantFrom<RuleCode>('R1', 'R2', 'R3', 'R4', 'R5', 'T4', 'TX');
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(rules, fc.boolean()), { selector: ([r]) => r }), (list) => {
        const checks = list.map(([r, ok]) => check(r, ok));
        const gate = reportGate({ toFill: [], facts: facts({ published: 5, before: 3 }), checks });
        expect(gate.risks.map((r) => r.key)).toEqual(list.filter(([, ok]) => !ok).map(([r]) => `check:${r}`));
        expect(gate.blocking).toEqual([]);
      }),
    );
  });

  it('leaves open the risks not confirmed, by key', () => {
    const a = { key: 'check:R1', message: 'a' };
    const b = { key: 'figures:absent', message: 'b' };
    expect(unconfirmed([a, b], [{ key: 'check:R1', message: 'older wording' }])).toEqual([b]);
    expect(unconfirmed([a], [])).toEqual([a]);
  });
});
