import { z } from 'zod';
import { t } from '../shared/i18n/zh-CN.ts';
import { optionalText, requiredText } from '../shared/validation.ts';
import { isValidCreditCode } from './credit-code.ts';

// First path segments the platform uses itself; an agency code may not shadow them.
export const RESERVED_CODES = new Set([
  'admin',
  'api',
  'assets',
  'login',
  'logout',
  'setup',
  'gk',
  'search',
  'workdays',
  'track',
  'static',
  'platform',
  'new',
  'edit',
  'health',
]);

export const agencyCodeSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: `请填写${t.agency.code}` })
    .regex(/^[a-z][a-z0-9-]{1,31}$/, t.agency.codeHint)
    .refine((c) => !RESERVED_CODES.has(c), t.agency.codeReserved),
);

const emailField = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z.email('请填写有效的电子邮箱地址').optional(),
);

/** The facts of an agency that staff edit; the 公开指南 is generated from them. */
export const agencyFactsSchema = z.object({
  name: requiredText(t.agency.name, 100),
  kind: z.enum(['department', 'government'], { error: '请选择机关类型' }).default('department'),
  creditCode: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim().toUpperCase() : v),
    z.string().refine(isValidCreditCode, t.agency.badCreditCode).optional(),
  ),
  officeName: optionalText(100),
  address: optionalText(200),
  officeHours: optionalText(200),
  phone: optionalText(50),
  fax: optionalText(50),
  email: emailField,
  postcode: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    z
      .string()
      .regex(/^\d{6}$/, '邮政编码应为 6 位数字')
      .optional(),
  ),
  website: optionalText(200),
  parentCode: z.preprocess((v) => (v === '' ? undefined : v), agencyCodeSchema.optional()),
});

export const createAgencySchema = agencyFactsSchema.extend({ code: agencyCodeSchema });

export type AgencyFacts = z.infer<typeof agencyFactsSchema>;
export type CreateAgencyInput = z.infer<typeof createAgencySchema>;
