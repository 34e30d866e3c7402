/** Console building blocks of the report modules: the page frame, the fields our forms need, the year switcher. */
import type { Child, SafeHtml } from '#jsx/jsx-runtime';
import { consoleNav, type UserActor } from '../admin/console.ts';
import type { Agency } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Field, SelectField } from '../web/components.tsx';
import { AdminLayout } from '../web/layout.tsx';

export type ConsolePageBase = { actor: UserActor; csrf: string; agency: Agency; currentPath: string };

/** The console frame of an agency page, with the module navigation. */
export function ConsoleFrame(p: ConsolePageBase & { title: string; children?: Child }): SafeHtml {
  return (
    <AdminLayout title={p.title} actor={p.actor} csrfToken={p.csrf} agency={p.agency} sideNav={consoleNav(p.agency, p.actor)} currentPath={p.currentPath}>
      {p.children}
    </AdminLayout>
  );
}

const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** A labelled textarea with its hint and error. */
export function TextAreaField(p: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  rows?: number;
  required?: boolean;
}): SafeHtml {
  const id = fieldId(p.name);
  const describedBy = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>
        {p.label}
        {p.required ? (
          <span class="req" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {p.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {p.hint}
        </span>
      ) : null}
      <textarea id={id} name={p.name} rows={p.rows ?? 5} required={p.required} aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy}>
        {p.value ?? ''}
      </textarea>
      {p.error ? (
        <span class="error" id={`${id}-error`}>
          {p.error}
        </span>
      ) : null}
    </div>
  );
}

/** A checkbox with its label to the right. */
export function CheckboxField(p: { name: string; label: string; checked: boolean; hint?: string }): SafeHtml {
  const id = fieldId(p.name);
  return (
    <div class="field check">
      <input type="checkbox" id={id} name={p.name} value="on" checked={p.checked} aria-describedby={p.hint ? `${id}-hint` : undefined} />
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {p.hint}
        </span>
      ) : null}
    </div>
  );
}

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

/** A year from the query string within bounds, else the working year. */
export function yearParam(value: string | undefined, today: string): number {
  const y = Number(value);
  return Number.isInteger(y) && y >= 2008 && y <= 2299 ? y : workingYear(today);
}
