import type { Child, SafeHtml } from '#jsx/jsx-runtime';
import { t } from '../shared/i18n/zh-CN.ts';

/** Breadcrumb trail; the last item is the current page. */
export function Crumbs({ items }: { items: { label: string; href?: string }[] }): SafeHtml {
  return (
    <nav class="crumbs" aria-label={t.site.breadcrumb}>
      <ol>
        {items.map((item, i) =>
          item.href && i < items.length - 1 ? (
            <li>
              <a href={item.href}>{item.label}</a>
            </li>
          ) : (
            <li aria-current="page">{item.label}</li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** A titled section of a page with a rule under the heading. */
export function Section({ title, id, action, children }: { title: string; id?: string; action?: Child; children?: Child }): SafeHtml {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section class="card" aria-labelledby={headingId}>
      <div class="section-title">
        <h2 id={headingId}>{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

/** Says in words that a list or category is empty, never a blank area. */
export function Empty({ children }: { children?: Child }): SafeHtml {
  return <p class="empty">{children}</p>;
}

export type AlertKind = 'error' | 'ok' | 'warn' | 'info';
/** A message box; errors are announced to screen readers. */
export function Alert({ kind, children }: { kind: AlertKind; children?: Child }): SafeHtml {
  return (
    <div class={`alert ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField({ token }: { token: string }): SafeHtml {
  return <input type="hidden" name="_csrf" value={token} />;
}

type FieldProps = {
  name: string;
  label: string;
  value?: string | number | null | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  type?: string;
  required?: boolean | undefined;
  autocomplete?: string;
  inputmode?: string;
  maxlength?: number;
  /** Overrides the element id (default derived from the name), for forms repeated on one page. */
  id?: string | undefined;
};

/** The id of a form control, derived from its name. */
export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

type Frame = { id: string; label: string; hint?: string | undefined; error?: string | undefined; required?: boolean | undefined };

/** The ids a control's aria-describedby lists: its hint and its error. */
const describedBy = (f: Frame) => [f.hint ? `${f.id}-hint` : '', f.error ? `${f.id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** Label, hint and error around a control, the same for every kind of field. */
function FieldFrame(p: Frame & { children?: Child }): SafeHtml {
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={p.id}>
        {p.label}
        {p.required ? (
          <span class="req" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {p.hint ? (
        <span class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </span>
      ) : null}
      {p.children}
      {p.error ? (
        <span class="error" id={`${p.id}-error`}>
          {p.error}
        </span>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and its error beside it (linked for screen readers). */
export function Field(p: FieldProps): SafeHtml {
  const frame = { ...p, id: p.id ?? fieldId(p.name) };
  return (
    <FieldFrame {...frame}>
      <input
        id={frame.id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : (p.value ?? undefined)}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        maxlength={p.maxlength}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(frame)}
      />
    </FieldFrame>
  );
}

type SelectProps = Omit<FieldProps, 'type' | 'autocomplete' | 'inputmode' | 'maxlength'> & { options: { value: string; label: string }[] };

/** A labelled select with its error beside it. */
export function SelectField(p: SelectProps): SafeHtml {
  const frame = { ...p, id: p.id ?? fieldId(p.name) };
  return (
    <FieldFrame {...frame}>
      <select id={frame.id} name={p.name} required={p.required} aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy(frame)}>
        {/* A required select starts with an empty placeholder (HTML: its first option's value must be empty). */}
        {p.required ? (
          <option value="" selected={String(p.value ?? '') === ''}>
            {t.common.choose}
          </option>
        ) : null}
        {p.options.map((o) => (
          <option value={o.value} selected={String(p.value ?? '') === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A labelled textarea with its hint and error. */
export function TextAreaField(
  p: Omit<FieldProps, 'type' | 'autocomplete' | 'inputmode' | 'value'> & { value?: string | null | undefined; rows?: number },
): SafeHtml {
  const frame = { ...p, id: p.id ?? fieldId(p.name) };
  return (
    <FieldFrame {...frame}>
      <textarea
        id={frame.id}
        name={p.name}
        rows={p.rows ?? 5}
        maxlength={p.maxlength}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(frame)}
      >
        {p.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** A fieldset of radio buttons; the legend is the label, the error sits under the options. */
export function RadioGroup(
  p: Omit<FieldProps, 'type' | 'autocomplete' | 'inputmode' | 'maxlength' | 'value'> & {
    value?: string | null | undefined;
    options: { value: string; label: string }[];
  },
): SafeHtml {
  const frame = { ...p, id: p.id ?? fieldId(p.name) };
  return (
    <fieldset class={p.error ? 'field choices has-error' : 'field choices'} aria-describedby={describedBy(frame)}>
      <legend>
        {p.label}
        {p.required ? (
          <span class="req" aria-hidden="true">
            *
          </span>
        ) : null}
      </legend>
      {p.hint ? (
        <span class="hint" id={`${frame.id}-hint`}>
          {p.hint}
        </span>
      ) : null}
      <div class="choice-list">
        {p.options.map((o, i) => (
          <label class="choice">
            {/* The first radio carries the group's id, so the error summary's link lands on the group. */}
            <input
              id={i === 0 ? frame.id : undefined}
              type="radio"
              name={p.name}
              value={o.value}
              checked={p.value === o.value}
              required={p.required}
              aria-invalid={p.error ? 'true' : undefined}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {p.error ? (
        <span class="error" id={`${frame.id}-error`}>
          {p.error}
        </span>
      ) : null}
    </fieldset>
  );
}

/** A file input (a browser never re-fills one: a form that keeps files after an error lists them beside it). */
export function FileField(
  p: Omit<FieldProps, 'type' | 'autocomplete' | 'inputmode' | 'maxlength' | 'value' | 'required'> & { accept?: string; multiple?: boolean },
): SafeHtml {
  const frame = { ...p, id: p.id ?? fieldId(p.name) };
  return (
    <FieldFrame {...frame}>
      <input
        id={frame.id}
        name={p.name}
        type="file"
        accept={p.accept}
        multiple={p.multiple}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(frame)}
      />
    </FieldFrame>
  );
}

/**
 * A checkbox with its label to the right. The hidden field before it sends "" when it is unchecked (the checked box's
 * "on" comes later and wins), so an unchecked box is told apart from a form that has no such field.
 */
export function CheckboxField(p: { name: string; label: string; checked: boolean; hint?: string | undefined }): SafeHtml {
  const id = fieldId(p.name);
  return (
    <div class="field check">
      <input type="hidden" name={p.name} value="" />
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

/**
 * The summary at the top of a form that failed validation. It takes the focus when the page loads (autofocus on a
 * tabindex=-1 box: no script, so nothing for the CSP to allow), so a keyboard or screen-reader user lands on it, and
 * each field's message links to its control (ids from fieldId; a radio group's first option carries the group's id).
 */
export function FormErrors({ message, fields }: { message?: string | undefined; fields?: Record<string, string> }): SafeHtml | null {
  if (!message) return null;
  const list = Object.entries(fields ?? {}).filter(([k]) => k !== '_');
  return (
    <div class="alert error" role="alert" tabindex={-1} autofocus data-error-summary>
      <strong>{message}</strong>
      {list.length > 0 ? (
        <ul>
          {list.map(([name, msg]) => (
            <li>
              <a href={`#${fieldId(name)}`}>{msg}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
