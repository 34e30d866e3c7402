/** The guide's own facts and the staff's text per section, as their console forms post them. */
import { z } from 'zod';
import { optionalText } from '../shared/validation.ts';
import { GUIDE_SECTIONS } from './guide.tables.ts';

export const guideSettingsSchema = z.object({
  functions: optionalText(5000),
  mailingAddress: optionalText(200),
  receptionAddress: optionalText(200),
  acceptsEmail: z.preprocess((v) => v === '1' || v === 'on' || v === true, z.boolean()),
  feePayment: optionalText(500),
  supervisor: optionalText(100),
  supervisorPhone: optionalText(50),
  complaintChannels: optionalText(500),
  reviewPhone: optionalText(50),
  courtPhone: optionalText(50),
});

export type GuideSettingsInput = z.infer<typeof guideSettingsSchema>;

/** One section's text: `mode_<section>` and `body_<section>` for every section. */
export const guideSectionsSchema = z.object(
  Object.fromEntries(
    GUIDE_SECTIONS.flatMap((s) => [
      [`mode_${s}`, z.enum(['append', 'replace']).catch('append')],
      [`body_${s}`, optionalText(20_000)],
    ]),
  ),
);
