import { describe, expect, it } from 'vitest';
import { formsOf } from '../../../test/support/forms.ts';

describe('the JSX runtime', () => {
  it('keeps a textarea value that starts with a newline (the HTML parser drops the first one)', () => {
    const html = (
      <form method="post">
        <textarea name="text">{'\n第二行'}</textarea>
      </form>
    ).html;
    expect(html).toBe('<form method="post"><textarea name="text">\n\n第二行</textarea></form>');
    expect(formsOf(html, '/x')[0]?.entries).toEqual([{ name: 'text', value: '\r\n第二行' }]);
  });
});
