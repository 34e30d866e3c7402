import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getCleanupRound,
  interpretationReport,
  latePublications,
  listCleanupRounds,
  listSensitiveWords,
} from '../../src/documents/oversight/oversight.queries.ts';
import {
  addSensitiveWord,
  applyCleanupRound,
  createCleanupRound,
  publishCleanupRound,
  recordCleanupDecisions,
  updateDisclosureSettings,
} from '../../src/documents/oversight/oversight.service.ts';
import { detectPersonalData } from '../../src/documents/personal-data.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import type { DomainError } from '../../src/shared/errors.ts';
import { buildDraft, buildPublished } from '../builders/documents.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const clock = fixedClock('2022-12-20T02:00:00Z');
const actor = systemActor('测试');
const err = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as DomainError,
  );

describe.each(DIALECTS)('documents: interpretations, timeliness, cleanup on %s', (dialect) => {
  let tdb: TestDatabase;
  let agencyId: number;
  const deps = () => ({ db: tdb.db, clock });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agencyId = (await buildAgency(tdb.db, { code: 'ovs', name: '聊城市工业和信息化局' })).id;
  });
  afterAll(async () => tdb?.cleanup());

  it('lists normative documents without an interpretation or with a late one, counting working days', async () => {
    // 2022-06-03 was 端午节: from Wed 06-01 to Tue 06-07 is 3 working days, on time although 6 calendar days.
    const onTime = await buildPublished(tdb.db, agencyId, {
      title: '聊城市工业企业技术改造专项资金管理办法',
      category: 'normative',
      issuedOn: '2022-05-30',
      publishedOn: '2022-06-01',
    });
    await buildPublished(tdb.db, agencyId, {
      title: '《技术改造专项资金管理办法》解读',
      category: 'interpretation',
      interpretsId: onTime.id,
      issuedOn: '2022-06-07',
      publishedOn: '2022-06-07',
    });
    const late = await buildPublished(tdb.db, agencyId, {
      title: '聊城市软件和信息技术服务业发展扶持办法',
      category: 'normative',
      issuedOn: '2022-06-10',
      publishedOn: '2022-06-13',
    });
    await buildPublished(tdb.db, agencyId, {
      title: '《软件和信息技术服务业发展扶持办法》解读',
      category: 'interpretation',
      interpretsId: late.id,
      issuedOn: '2022-06-20',
      publishedOn: '2022-06-20',
    });
    const none = await buildPublished(tdb.db, agencyId, {
      title: '聊城市工业互联网平台认定办法',
      category: 'normative',
      issuedOn: '2022-07-01',
      publishedOn: '2022-07-04',
    });
    // A draft interpretation does not count.
    await buildDraft(tdb.db, agencyId, { title: '草稿解读', category: 'interpretation', interpretsId: none.id });

    const report = await interpretationReport(tdb.db, agencyId);
    expect(report.lagDays).toBe(3);
    const byId = new Map(report.items.map((i) => [i.id, i]));
    expect(byId.get(onTime.id)).toMatchObject({ late: false, interpretation: { workdays: 3 } });
    expect(byId.get(late.id)).toMatchObject({ late: true, interpretation: { workdays: 5 } });
    expect(byId.get(none.id)).toMatchObject({ late: true, interpretation: null });

    await updateDisclosureSettings(deps(), actor, agencyId, { interpretationLagDays: '5' });
    expect((await interpretationReport(tdb.db, agencyId)).items.find((i) => i.id === late.id)?.late).toBe(false);
    expect((await err(updateDisclosureSettings(deps(), actor, agencyId, { interpretationLagDays: '-1' })))?.code).toBe('VALIDATION');
  });

  it('lists documents published more than 20 working days after they were formed', async () => {
    // 2022 Spring Festival: 01-31 to 02-06 off, 01-29 and 01-30 worked.
    const slow = await buildPublished(tdb.db, agencyId, {
      title: '2021年度工业经济运行分析',
      category: 'statistics',
      issuedOn: '2022-01-04',
      publishedOn: '2022-02-07',
    });
    const edge = await buildPublished(tdb.db, agencyId, { title: '边界', category: 'news', issuedOn: '2022-01-04', publishedOn: '2022-01-30' });
    const late = await latePublications(tdb.db, agencyId, 2022);
    const ids = late.map((l) => l.id);
    expect(ids).toContain(slow.id);
    expect(late.find((l) => l.id === slow.id)?.workdays).toBe(21);
    expect(ids).not.toContain(edge.id);
    expect(await latePublications(tdb.db, agencyId, 2021)).toEqual([]);
  });

  it('runs a cleanup round: lists in-force normative documents, records decisions, applies them, publishes the result', async () => {
    const a = await buildPublished(tdb.db, agencyId, { title: '清理甲', category: 'normative', publishedOn: '2022-06-13' });
    const b = await buildPublished(tdb.db, agencyId, { title: '清理乙', category: 'normative', publishedOn: '2022-06-13' });
    const { id } = await createCleanupRound(deps(), actor, agencyId, { title: '2022年度规范性文件清理' });
    const { items } = await getCleanupRound(tdb.db, agencyId, id);
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(items.every((i) => i.decision === null)).toBe(true);
    expect((await err(applyCleanupRound(deps(), actor, agencyId, id, { effectiveOn: '2022-12-31' })))?.code).toBe('VALIDATION');
    await recordCleanupDecisions(deps(), actor, agencyId, id, {
      decisions: items.map((i) => ({
        documentId: i.id,
        decision: i.id === a.id ? 'repeal' : i.id === b.id ? 'amend' : 'keep',
        note: i.id === a.id ? '上位法已废止' : undefined,
      })),
    });
    await applyCleanupRound(deps(), actor, agencyId, id, { effectiveOn: '2022-12-31' });
    const docs = await tdb.db.selectFrom('documents').select(['id', 'validity', 'validityChangedOn']).where('id', 'in', [a.id, b.id]).orderBy('id').execute();
    expect(docs).toEqual([
      { id: a.id, validity: 'repealed', validityChangedOn: '2022-12-31' },
      { id: b.id, validity: 'amended', validityChangedOn: '2022-12-31' },
    ]);
    expect((await err(recordCleanupDecisions(deps(), actor, agencyId, id, { decisions: [] })))?.code).toBe('INVALID_STATE');
    expect(await listCleanupRounds(tdb.db, agencyId, true)).toEqual([]);
    await publishCleanupRound(deps(), actor, agencyId, id);
    expect((await listCleanupRounds(tdb.db, agencyId, true)).map((r) => r.id)).toEqual([id]);
  });

  it('keeps the agency sensitive words that the detector flags', async () => {
    await addSensitiveWord(deps(), actor, agencyId, { word: '内部资料' });
    expect((await err(addSensitiveWord(deps(), actor, agencyId, { word: '内部资料' })))?.code).toBe('CONFLICT');
    const words = (await listSensitiveWords(tdb.db, agencyId)).map((w) => w.word);
    const findings = detectPersonalData('本文件为内部资料，联系人电话13912345678，身份证11010519491231002X。', words);
    expect(findings.map((f) => f.kind)).toEqual(['sensitive_word', 'mobile', 'id_card']);
  });
});
