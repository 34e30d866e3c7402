/** The footer of the public site (国办发〔2017〕47号): the platform's ('platform') and each agency's ('agency:<id>'). */
export interface SiteFramesTable {
  scope: string;
  /** 主办单位. */
  sponsor: string | null;
  /** 承办单位 (optional). */
  organizer: string | null;
  /** 网站标识码. */
  siteCode: string | null;
  /** ICP 备案号. */
  icpRecord: string | null;
  /** 公安机关备案号. */
  psbRecord: string | null;
  address: string | null;
  phone: string | null;
  updatedAt: string;
}

export interface SiteFrameTables {
  siteFrames: SiteFramesTable;
}
