/** The holiday arrangement as data: a year is loaded only when it has a row in calendar_years. */
export interface CalendarTables {
  calendarYears: {
    year: number;
    /** The notice the dates come from (e.g. 国办发明电〔2025〕7号) or the file they were imported from. */
    source: string;
    updatedAt: string;
  };
  calendarDays: {
    date: string;
    /** The arrangement year the day belongs to (28–31 December belong to the next year's notice). */
    year: number;
    kind: 'holiday' | 'workday';
    name: string | null;
  };
}
