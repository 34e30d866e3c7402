import type { DueDateRecomputer } from './calendar/calendar.service.ts';

/**
 * The modules whose open cases have due dates, recomputed whenever the holiday calendar changes.
 * Each case module adds its recomputer here (composition root: the calendar does not import case modules).
 */
export const dueDateRecomputers: DueDateRecomputer[] = [];
