import { z } from 'zod';
import { DomainError, type FieldErrors } from './errors.ts';
import { t } from './i18n/zh-CN.ts';

// zod's own messages in Chinese, for the cases a schema gives no message of its own.
z.config(z.locales.zhCN());

/** Turns zod issues into one message per field (first issue wins), keyed by the dotted path. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}

/** Parses input with a schema or throws the project's VALIDATION error with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new DomainError('VALIDATION', t.errors.validation, fieldErrorsOf(result.error));
}

/** Form fields arrive as strings; an empty one means "not given". */
export const optionalText = (max = 200) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().max(max).optional());

/** A required trimmed text field with a Chinese message. */
export const requiredText = (label: string, max = 200) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: `请填写${label}` })
      .min(1, `请填写${label}`)
      .max(max, `${label}不能超过 ${max} 个字符`),
  );

/**
 * Forms change only what they show: the submitted fields over the record's current values, so a field absent from a
 * submission (not sent at all, as opposed to sent empty) keeps its value.
 */
export function keepAbsent(current: Record<string, string>, input: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  if (typeof input !== 'object' || input === null) return out;
  for (const [key, value] of Object.entries(input)) if (value !== undefined) out[key] = value;
  return out;
}
