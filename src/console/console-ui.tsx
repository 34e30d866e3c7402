/**
 * Console building blocks of the report, figures and record pages (and of the city and performance views): fields
 * described as data, the year switcher and the working year.
 */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { t } from '../shared/i18n/zh-CN.ts';
import { CheckboxField, Field, SelectField, TextAreaField } from '../web/components.tsx';

/** A form field described as data, so a record module lists its fields once. */
export type FieldSpec =
  | { name: string; label: string; kind: 'text' | 'date' | 'number'; hint?: string; required?: boolean; inputmode?: string }
  | { name: string; label: string; kind: 'textarea'; hint?: string; required?: boolean; rows?: number }
  | { name: string; label: string; kind: 'select'; options: { value: string; label: string }[]; hint?: string; required?: boolean }
  | { name: string; label: string; kind: 'checkbox'; hint?: string };

/** Renders one described field with the form's value and error. */
export function SpecField({ spec, values, errors }: { spec: FieldSpec; values: Record<string, string>; errors: Record<string, string> }): SafeHtml {
  const v = values[spec.name];
  const e = errors[spec.name];
  switch (spec.kind) {
    case 'textarea':
      return <TextAreaField name={spec.name} label={spec.label} value={v} error={e} hint={spec.hint} rows={spec.rows} required={spec.required} />;
    case 'select':
      return <SelectField name={spec.name} label={spec.label} value={v} error={e} hint={spec.hint} options={spec.options} required={spec.required} />;
    case 'checkbox':
      return <CheckboxField name={spec.name} label={spec.label} checked={v === 'on'} hint={spec.hint} />;
    default:
      return (
        <Field
          name={spec.name}
          label={spec.label}
          type={spec.kind}
          value={v}
          error={e}
          hint={spec.hint}
          required={spec.required}
          inputmode={spec.kind === 'number' ? 'decimal' : undefined}
        />
      );
  }
}

/** Links to neighbouring years, the current one marked. */
export function YearSwitch({ base, year, years }: { base: string; year: number; years: number[] }): SafeHtml {
  const all = [...new Set([...years, year])].sort((a, b) => b - a);
  return (
    <nav class="year-switch" aria-label={t.reports.records.showYear}>
      <ul>
        {all.map((y) => (
          <li>
            <a href={`${base}?year=${y}`} aria-current={y === year ? 'page' : undefined}>
              {y}
              {t.reports.records.year}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The year whose report is being prepared: until the end of March the previous one, then the current one. */
export function workingYear(today: string): number {
  const y = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) <= 3 ? y - 1 : y;
}
