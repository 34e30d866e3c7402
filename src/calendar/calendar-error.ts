/** Machine-readable kinds of input error, for the HTTP and command-line layers. */
export type CalendarErrorCode = 'invalid_date' | 'date_out_of_range' | 'invalid_days' | 'invalid_event' | 'invalid_arrangement' | 'result_out_of_range';

/** Bad input to the calendar: a RangeError with a Chinese message, a code and the offending field. */
export class CalendarInputError extends RangeError {
  override readonly name = 'CalendarInputError';
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(field ? `${field}：${message}` : message);
  }
}
