/** The 节假日安排 form of the console: what the superadmin pasted, read as arrangements to import. */
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { checkInputText, InputTextError } from '../shared/input-text.ts';
import { parseArrangementLines } from './arrangement-lines.ts';
import { parseArrangementFile } from './calendar.service.ts';
import { CalendarInputError } from './calendar-error.ts';

/** Parses what the administrator pasted: a JSON or iCalendar file, or the line format for one year. */
export function parseArrangementForm(values: Record<string, string>) {
  const text = values.text ?? '';
  try {
    // What the command line refuses in a file is refused here too (a form body may carry %00 or bytes decoded as U+FFFD).
    checkInputText(text);
    const trimmed = text.trim();
    if (!trimmed) throw new DomainError('VALIDATION', t.errors.validation, { text: t.calendar.emptyFile });
    // Untrimmed, so messages name the lines as the administrator sees them.
    if (trimmed.startsWith('{') || trimmed.startsWith('[') || /^BEGIN:VCALENDAR/i.test(trimmed)) return parseArrangementFile(text);
    const year = Number(values.year);
    if (!Number.isInteger(year) || year < 1900 || year > 2299) throw new DomainError('VALIDATION', t.errors.validation, { year: '请填写四位年份' });
    return [parseArrangementLines(text, year, values.source?.trim() || '管理员录入')];
  } catch (error) {
    if (error instanceof CalendarInputError || error instanceof InputTextError)
      throw new DomainError('VALIDATION', t.errors.validation, { text: error.message });
    throw error;
  }
}
