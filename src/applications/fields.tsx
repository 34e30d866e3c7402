/** Form controls the shared components do not have yet: textarea, radio group, file input — same markup conventions. */
import type { SafeHtml } from '#jsx/jsx-runtime';

const idOf = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

function Required({ on }: { on?: boolean | undefined }): SafeHtml | null {
  return on ? (
    <span class="req" aria-hidden="true">
      *
    </span>
  ) : null;
}

type Common = { name: string; id?: string | undefined; label: string; error?: string | undefined; hint?: string | undefined; required?: boolean };

function describedBy(id: string, p: Common): string | undefined {
  return [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Hint({ id, text }: { id: string; text?: string | undefined }): SafeHtml | null {
  return text ? (
    <span class="hint" id={`${id}-hint`}>
      {text}
    </span>
  ) : null;
}

function ErrorText({ id, text }: { id: string; text?: string | undefined }): SafeHtml | null {
  return text ? (
    <span class="error" id={`${id}-error`}>
      {text}
    </span>
  ) : null;
}

/** A labelled textarea with its hint and its error beside it. */
export function TextAreaField(p: Common & { value?: string | null | undefined; rows?: number; maxlength?: number }): SafeHtml {
  const id = p.id ?? idOf(p.name);
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>
        {p.label}
        <Required on={p.required} />
      </label>
      <Hint id={id} text={p.hint} />
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 4}
        maxlength={p.maxlength}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(id, p)}
      >
        {p.value ?? ''}
      </textarea>
      <ErrorText id={id} text={p.error} />
    </div>
  );
}

/** A fieldset of radio buttons; the legend is the label, the error sits under the options. */
export function RadioGroup(p: Common & { value?: string | null | undefined; options: { value: string; label: string }[] }): SafeHtml {
  const id = p.id ?? idOf(p.name);
  return (
    <fieldset class={p.error ? 'field choices has-error' : 'field choices'} aria-describedby={describedBy(id, p)}>
      <legend>
        {p.label}
        <Required on={p.required} />
      </legend>
      <Hint id={id} text={p.hint} />
      <div class="choice-list">
        {p.options.map((o) => (
          <label class="choice">
            <input type="radio" name={p.name} value={o.value} checked={p.value === o.value} required={p.required} aria-invalid={p.error ? 'true' : undefined} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <ErrorText id={id} text={p.error} />
    </fieldset>
  );
}

/** A file input (files are never kept when a form re-renders; the hint says so after an error). */
export function FileField(p: Common & { accept?: string; multiple?: boolean }): SafeHtml {
  const id = p.id ?? idOf(p.name);
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      <Hint id={id} text={p.hint} />
      <input
        id={id}
        name={p.name}
        type="file"
        accept={p.accept}
        multiple={p.multiple}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(id, p)}
      />
      <ErrorText id={id} text={p.error} />
    </div>
  );
}
