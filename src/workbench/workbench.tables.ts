/** The daily digest's claims: a row per person and China day, inserted before the mail is queued, so it is queued once. */
export interface WorkbenchTables {
  workbenchDigests: {
    userId: number;
    /** The China day (YYYY-MM-DD) the digest is for. */
    day: string;
    /** How many items it listed. */
    items: number;
    queuedAt: string;
  };
}
