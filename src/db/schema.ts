import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ApplicationTables } from '../applications/applications.tables.ts';
import type { HeldUploadTables } from '../applications/held-uploads.tables.ts';
import type { LetterTables } from '../applications/letters.tables.ts';
import type { CalendarTables } from '../calendar/calendar.tables.ts';
import type { ComplianceTables } from '../compliance/compliance.tables.ts';
import type { DocumentTables } from '../documents/documents.tables.ts';
import type { FigureTables } from '../figures/figures.tables.ts';
import type { GuideTables } from '../guide/guide.tables.ts';
import type { InnovationTables } from '../innovations/innovations.tables.ts';
import type { MechanismTables } from '../mechanisms/mechanisms.tables.ts';
import type { NotificationTables } from '../notifications/notifications.tables.ts';
import type { SiteFrameTables } from '../portal/site-frame.tables.ts';
import type { ProactiveTables } from '../proactive/proactive.tables.ts';
import type { ProposalTables } from '../proposals/proposals.tables.ts';
import type { RectificationTables } from '../rectification/rectification.tables.ts';
import type { ReportTables } from '../reports/reports.tables.ts';
import type { SearchTables } from '../search/search.tables.ts';
import type { TrainingTables } from '../trainings/trainings.tables.ts';
import type { WorkbenchTables } from '../workbench/workbench.tables.ts';
import type { WorkPointTables } from '../workpoints/workpoints.tables.ts';

/**
 * The database as Kysely sees it (camelCase; CamelCasePlugin maps to snake_case columns).
 * Portable conventions: calendar dates are 'YYYY-MM-DD' text, instants are ISO-8601 UTC text,
 * booleans are integers 0/1, JSON is text. Every agency-owned table has `agencyId`.
 */

export interface Database extends CalendarTables, ComplianceTables, DocumentTables, ReportTables {
  settings: SettingsTable;
  agencies: AgenciesTable;
  departments: DepartmentsTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  loginThrottle: LoginThrottleTable;
  auditLog: AuditLogTable;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export type AgencyKind = 'department' | 'government';

export interface AgenciesTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: AgencyKind;
  parentId: number | null;
  creditCode: string | null;
  officeName: string | null;
  address: string | null;
  officeHours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  postcode: string | null;
  website: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DepartmentsTable {
  id: Generated<number>;
  agencyId: number;
  name: string;
  sortOrder: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string;
  isSuperadmin: number;
  isActive: number;
  createdAt: string;
  updatedAt: string;
}

export type Role = 'admin' | 'editor' | 'reviewer' | 'leader';

export interface UserRolesTable {
  userId: number;
  agencyId: number;
  role: Role;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  /** Failed sign-ins of the account between the previous successful one and this session's (told to the user). */
  failuresBefore: Generated<number>;
  lastFailureAt: string | null;
  lastFailureIp: string | null;
}

export interface LoginThrottleTable {
  key: string;
  /** Failures in the current window (accounts: the current streak, which sets the lock's length). */
  failures: number;
  windowStartedAt: string;
  lockedUntil: string | null;
  /** Accounts: failures since the last successful sign-in, and the last one's time and address. */
  sinceSuccess: Generated<number>;
  lastFailureAt: string | null;
  lastFailureIp: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actorId: number | null;
  actorName: string;
  agencyId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  prevHash: string;
  hash: string;
}

export type Agency = Selectable<AgenciesTable>;
export type NewAgency = Insertable<AgenciesTable>;
export type AgencyUpdate = Updateable<AgenciesTable>;
export type User = Selectable<UsersTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type { ColumnType };

/** 依申请公开 and appeals (declaration merging keeps each module's addition on its own lines). */
export interface Database extends ApplicationTables {}

/** The public form's held uploads and 依申请公开转主动公开 (issue 13). */
export interface Database extends HeldUploadTables, ProactiveTables {}
/** Letters fit to be sent: the agency's application settings, 文号 counters and numbers (issue 13). */
export interface Database extends LetterTables {}

/** The records the annual report reads: figures, proposals, trainings, work points, the rectification list. */
export interface Database extends FigureTables, ProposalTables, RectificationTables, TrainingTables, WorkPointTables {}

/** What the report tells beyond its tables: the leading group and rules, the year's 工作创新 (issue 15). */
export interface Database extends MechanismTables, InnovationTables {}

/** The notifications outbox (issue 13). */
export interface Database extends NotificationTables {}

/** The search index's reindex cursor (issue 17). */
export interface Database extends SearchTables {}
/** The workbench's daily digest claims (issue 14). */
export interface Database extends WorkbenchTables {}
/** The 公开指南's facts and sections, and the site frame's footer (issue 14). */
export interface Database extends GuideTables, SiteFrameTables {}
