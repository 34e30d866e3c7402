/**
 * Every string a user reads, in zh-CN, in one typed object `t`. Each module's strings live in their own file under
 * zh-CN/ (kept here in shared, not in the modules, so the shared layer never imports a module); a section too big for
 * one file is split into parts (`applicationsConsole`, …) spread back into one key. zh-CN.test.ts checks that no key
 * is defined in two files.
 */
import { admin, agency, audit, user } from './zh-CN/admin.ts';
import { applications } from './zh-CN/applications.ts';
import { applicationsAnswers } from './zh-CN/applications-answers.ts';
import { applicationsClock } from './zh-CN/applications-clock.ts';
import { applicationsConsole } from './zh-CN/applications-console.ts';
import { applicationsIntake } from './zh-CN/applications-intake.ts';
import { applicationsLetters } from './zh-CN/applications-letters.ts';
import { applicationsPortal } from './zh-CN/applications-portal.ts';
import { auth, roles, setup } from './zh-CN/auth.ts';
import { calendar } from './zh-CN/calendar.ts';
import { city } from './zh-CN/city.ts';
import { cityReportChecks } from './zh-CN/city-report-checks.ts';
import { common } from './zh-CN/common.ts';
import { compliance } from './zh-CN/compliance.ts';
import { documents } from './zh-CN/documents.ts';
import { db, errors, outbound } from './zh-CN/errors.ts';
import { files } from './zh-CN/files.ts';
import { frame } from './zh-CN/frame.ts';
import { guide } from './zh-CN/guide.ts';
import { notifications } from './zh-CN/notifications.ts';
import { performance } from './zh-CN/performance.ts';
import { reports } from './zh-CN/reports.ts';
import { reportsFileCheck } from './zh-CN/reports-file-check.ts';
import { reportsNarrative } from './zh-CN/reports-narrative.ts';
import { reportsPublished } from './zh-CN/reports-published.ts';
import { reportsRecords } from './zh-CN/reports-records.ts';
import { reportsWorkflow } from './zh-CN/reports-workflow.ts';
import { nav, portal, site } from './zh-CN/site.ts';
import { todo, workbench } from './zh-CN/workbench.ts';

export const zhCN = {
  site,
  nav,
  portal,
  errors,
  db,
  outbound,
  auth,
  roles,
  setup,
  agency,
  user,
  admin,
  audit,
  applications: {
    ...applications,
    ...applicationsPortal,
    ...applicationsConsole,
    ...applicationsIntake,
    ...applicationsAnswers,
    ...applicationsLetters,
    ...applicationsClock,
  },
  calendar,
  city: { ...city, ...cityReportChecks },
  reports: { ...reports, ...reportsNarrative, ...reportsRecords, ...reportsPublished, ...reportsFileCheck, ...reportsWorkflow },
  compliance,
  performance,
  documents,
  files,
  notifications,
  common,
  workbench,
  todo,
  guide,
  frame,
} as const;

export type Strings = typeof zhCN;
/** The active strings. zh-CN is the only locale: government disclosure sites serve Chinese. */
export const t: Strings = zhCN;
