import { eventData } from '../../applications/applications.repo.ts';
import { correctionNoticeDeadline } from '../../applications/deadlines.ts';
import { latestProbe } from '../../applications/probe.service.ts';
import { chinaDate } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { type Finding, type Indicator, unchecked } from '../indicator.ts';

const C = t.compliance;

/**
 * 补正 notices sent within 7 working days of receipt (《条例》第三十条), over the applications received in the year.
 * A late notice with a stated reason is allowed by the workflow but still a finding (the reason is shown).
 */
export const correctionNoticeIndicator: Indicator = {
  code: 'applications.correction_notice',
  title: C.indicators.correctionNotice,
  rule: C.rules.article30,
  weight: 5,
  run: async ({ db, agency, year, calendar }) => {
    const notices = await db
      .selectFrom('applications')
      .innerJoin('applicationEvents', 'applicationEvents.applicationId', 'applications.id')
      .select(['applications.id', 'applications.ref', 'applications.receivedOn', 'applicationEvents.eventOn', 'applicationEvents.dataJson'])
      .where('applications.agencyId', '=', agency.id)
      .where('applications.receivedOn', '>=', `${year}-01-01`)
      .where('applications.receivedOn', '<=', `${year}-12-31`)
      .where('applicationEvents.type', '=', 'correction_requested')
      // The same agency again (events carry their case's): PostgreSQL then reads only this agency's notices from the
      // partial index application_events_measures, whose leading column it is, instead of every agency's per case.
      .where('applicationEvents.agencyId', '=', agency.id)
      .orderBy('applications.receivedOn')
      .orderBy('applications.id')
      .execute();
    // Nothing to judge: no 补正 notice for an application of the year.
    if (notices.length === 0) return unchecked(C.unchecked.noCorrections(year));
    const findings: Finding[] = [];
    for (const n of notices) {
      if (n.receivedOn === null) continue;
      const deadline = correctionNoticeDeadline(calendar, n.receivedOn);
      if (n.eventOn <= deadline) continue;
      const reason = eventData(n).lateReason;
      findings.push({
        key: `application:${n.id}:correction`,
        message: C.correctionLate(n.ref, n.eventOn, deadline, typeof reason === 'string' && reason.trim() ? reason.trim() : null),
        href: `applications/${n.id}`,
      });
    }
    return findings;
  },
};

/**
 * The online application channel works: the latest channel probe of the year passed. The probe runs only when asked
 * (`gongkai check AGENCY --probe`, the button on the self-check page); a year never probed is 未检测 (not passed).
 */
export const channelIndicator: Indicator = {
  code: 'applications.channel',
  title: C.indicators.channel,
  rule: C.rules.article29,
  weight: 10,
  run: async ({ db, agency, year }) => {
    const probe = await latestProbe(db, agency.id, year);
    // Not probed this year: 未检测, out of the score (neither passed nor failed; the probe runs only when asked).
    if (!probe) return unchecked(C.probeNever(year));
    if (probe.ok) return [];
    const step = probe.failedStep ? (t.applications.probe.steps[probe.failedStep] ?? probe.failedStep) : '';
    return [{ key: 'channel:probe', message: C.probeFailed(chinaDate(new Date(probe.ranAt)), step, probe.message), href: 'compliance#probe' }];
  },
};
