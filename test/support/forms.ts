/**
 * Reads the forms of a page the way a browser submits them (HTML's "constructing the entry list"), so a test can post
 * a form back exactly as it was rendered: named, enabled controls only; checkboxes and radios when checked (value
 * "on" by default); a select's selected options (else its first option); a textarea's text; an empty file part for a
 * file input; the first submit button when it has a name; every newline sent as CRLF.
 */
import { DomUtils, parseDocument } from 'htmlparser2';

type Node = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<Node, { attribs: Record<string, string> }>;

export type RenderedForm = {
  /** The form's action resolved against the page's path (the page itself when absent). */
  action: string;
  method: 'get' | 'post';
  multipart: boolean;
  /** The entries in document order, as the browser would send them (files are empty, filename ""). */
  entries: { name: string; value: string; file?: true }[];
};

const crlf = (s: string) => s.replace(/\r\n|\r|\n/g, '\r\n');

/** Every form on the page. */
export function formsOf(html: string, pageUrl: string): RenderedForm[] {
  const doc = parseDocument(html);
  const forms = DomUtils.findAll((e) => e.name === 'form', doc.children) as Element[];
  const controls = DomUtils.findAll((e) => ['input', 'select', 'textarea', 'button'].includes(e.name), doc.children) as Element[];
  // A control belongs to the form its `form` attribute names, else to the form around it.
  const ownerOf = (c: Element): Element | undefined => {
    if (c.attribs.form !== undefined) return forms.find((f) => f.attribs.id === c.attribs.form);
    for (let p = c.parent as Element | null; p; p = p.parent as Element | null) if (p.name === 'form') return p;
    return undefined;
  };
  return forms.map((form) => {
    const entries: RenderedForm['entries'] = [];
    let submitterTaken = false;
    for (const c of controls) {
      if (ownerOf(c) !== form) continue;
      const name = c.attribs.name;
      if (c.attribs.disabled !== undefined || insideDisabledFieldset(c)) continue;
      if (c.name === 'button' || (c.name === 'input' && ['submit', 'image'].includes(c.attribs.type ?? ''))) {
        const type = c.attribs.type ?? 'submit';
        if (type !== 'submit' && type !== 'image') continue;
        if (!submitterTaken && name) entries.push({ name, value: c.attribs.value ?? '' });
        submitterTaken = true;
        continue;
      }
      if (!name) continue;
      if (c.name === 'textarea') {
        // The HTML parser drops one newline right after <textarea>; htmlparser2 does not.
        entries.push({ name, value: crlf(DomUtils.textContent(c).replace(/^\r?\n/, '')) });
      } else if (c.name === 'select') {
        const options = DomUtils.findAll((e) => e.name === 'option', c.children) as Element[];
        const optionValue = (o: Element) => o.attribs.value ?? DomUtils.textContent(o).trim();
        const multiple = c.attribs.multiple !== undefined;
        const selected = options.filter((o) => o.attribs.selected !== undefined);
        const chosen = selected.length > 0 ? (multiple ? selected : selected.slice(-1)) : multiple ? [] : options.slice(0, 1);
        for (const o of chosen) if (o.attribs.disabled === undefined) entries.push({ name, value: crlf(optionValue(o)) });
      } else {
        const type = (c.attribs.type ?? 'text').toLowerCase();
        if (type === 'reset' || type === 'button') continue;
        if (type === 'checkbox' || type === 'radio') {
          if (c.attribs.checked !== undefined) entries.push({ name, value: c.attribs.value ?? 'on' });
        } else if (type === 'file') {
          entries.push({ name, value: '', file: true });
        } else {
          entries.push({ name, value: crlf(c.attribs.value ?? '') });
        }
      }
    }
    const method = (form.attribs.method ?? 'get').toLowerCase() === 'post' ? 'post' : 'get';
    const action = new URL(form.attribs.action || pageUrl, `http://x${pageUrl}`);
    return {
      action: `${action.pathname}${action.search}`,
      method,
      multipart: (form.attribs.enctype ?? '').toLowerCase() === 'multipart/form-data',
      entries,
    };
  });
}

function insideDisabledFieldset(el: Element): boolean {
  for (let p = el.parent as Element | null; p; p = p.parent as Element | null) {
    if (p.name === 'fieldset' && p.attribs.disabled !== undefined) return true;
  }
  return false;
}

/** The body of a form submission: urlencoded, or multipart with a fixed boundary. */
export function encodeForm(form: RenderedForm): { payload: Buffer; contentType: string } {
  if (!form.multipart) {
    const params = new URLSearchParams();
    for (const e of form.entries) params.append(e.name, e.value);
    return { payload: Buffer.from(params.toString()), contentType: 'application/x-www-form-urlencoded' };
  }
  const boundary = '----gongkaiFormRoundTrip';
  const parts: Buffer[] = [];
  for (const e of form.entries) {
    const disposition = e.file ? `form-data; name="${e.name}"; filename=""` : `form-data; name="${e.name}"`;
    const type = e.file ? 'Content-Type: application/octet-stream\r\n' : '';
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n${e.value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
