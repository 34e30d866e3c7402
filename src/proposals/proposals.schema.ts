/** The 建议提案 form (zod); one schema serves create and update. */
import { z } from 'zod';
import { checkbox, optionalDate, yearField } from '../records/fields.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { requiredText } from '../shared/validation.ts';

const P = t.reports.records.proposals;

export const PROPOSAL_KINDS = ['cppcc', 'npc'] as const;
export const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

export const proposalSchema = z.object({
  year: yearField,
  kind: z.enum(PROPOSAL_KINDS, { error: P.badKind }),
  number: requiredText(P.number, 50),
  title: requiredText(P.title, 200),
  session: requiredText(P.session, 100),
  handledOn: optionalDate(P.handledOn),
  onTime: checkbox,
  replyPublished: checkbox,
  satisfaction: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(SATISFACTION, { error: P.badSatisfaction }).optional()),
});
export type ProposalInput = z.infer<typeof proposalSchema>;
