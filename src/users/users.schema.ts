import { z } from 'zod';
import { t } from '../shared/i18n/zh-CN.ts';
import { optionalText, requiredText } from '../shared/validation.ts';

export const ROLES = ['admin', 'editor', 'reviewer', 'leader'] as const;

export const usernameSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.string({ error: t.user.usernameRule }).regex(/^[a-z0-9._-]{3,32}$/, t.user.usernameRule),
);

export const passwordSchema = z
  .string({ error: t.auth.passwordRule })
  .min(10, t.auth.passwordRule)
  .max(200, '密码过长')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), t.auth.passwordRule);

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: requiredText(t.user.displayName, 50),
  email: optionalText(100),
  password: passwordSchema,
  isSuperadmin: z.boolean().default(false),
  roles: z.array(z.object({ agencyId: z.number().int().positive(), role: z.enum(ROLES) })).default([]),
});

export type CreateUserInput = z.input<typeof createUserSchema>;
