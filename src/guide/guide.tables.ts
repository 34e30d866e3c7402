/** The 公开指南's own facts and the staff's paragraphs per section (the rest of the guide comes from other records). */

export const GUIDE_SECTIONS = ['overview', 'organisation', 'proactive', 'application', 'supervision', 'catalogue'] as const;
export type GuideSectionKey = (typeof GUIDE_SECTIONS)[number];
/** append: the staff's paragraphs follow the generated text; replace: they stand in its place. */
export type GuideSectionMode = 'append' | 'replace';

export interface GuideSettingsTable {
  agencyId: number;
  /** 主要职能. */
  functions: string | null;
  /** Where letters go (信函申请), with the receiving office. */
  mailingAddress: string | null;
  /** Where applications are handed in (当面申请). */
  receptionAddress: string | null;
  /** Applications by e-mail to the agency's published address are accepted (0/1). */
  acceptsEmail: number;
  /** How a 信息处理费 is paid. */
  feePayment: string | null;
  /** 监督机构 (the city's 政务公开 office) and its telephone. */
  supervisor: string | null;
  supervisorPhone: string | null;
  /** 投诉、举报 channels besides the supervisor (e.g. 12345 热线). */
  complaintChannels: string | null;
  reviewPhone: string | null;
  courtPhone: string | null;
  updatedAt: string;
}

export interface GuideSectionsTable {
  agencyId: number;
  section: GuideSectionKey;
  mode: GuideSectionMode;
  body: string;
  updatedAt: string;
}

export interface GuideTables {
  guideSettings: GuideSettingsTable;
  guideSections: GuideSectionsTable;
}
