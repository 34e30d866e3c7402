/** The cursor of `gongkai search reindex`: one row per scope ('all' or an agency's code). */
export type SearchReindexTable = {
  scope: string;
  lastId: number;
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
};

export type SearchTables = { searchReindex: SearchReindexTable };
