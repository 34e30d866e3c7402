/**
 * Throttling of the public application form, in the database so it holds across processes: per client address (an
 * hour and a China day) and per contact (phone and e-mail, normalised; a China day). Counters are incremented in the
 * submission's own transaction, so a refused submission (which rolls back) is not counted and concurrent ones are
 * counted exactly; keys are HMAC digests (no address or contact in clear); ended windows are pruned.
 * Before the limits, a question: once an address has filed `challengeAfter` applications in the hour, the form asks
 * a small sum in words (no JavaScript, no third party), signed and usable once, to slow a script down.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Config } from '../config.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';

export type IntakeLimits = Config['applyLimits'];

/** Who is submitting: the client address (request.ip) and the contacts typed in the form. */
export type IntakeClient = { ip: string; limits: IntakeLimits; secret: string };

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const T = t.applications.throttle;

/** A phone number as digits only, without China's country code: +86 139-1234-5678, (139)12345678 → 13912345678. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const national = digits.replace(/^(?:0086|86)(?=1\d{10}$)/, '');
  return national;
}

/** An e-mail address trimmed and lower-cased. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

type Rule = { key: string; window: string; expiresAt: string; limit: number; message: string };

const CHALLENGE_TTL_MS = 2 * HOUR_MS;

const digestOf = (secret: string, kind: string, value: string) => `${kind}:${createHmac('sha256', secret).update(`${kind}\n${value}`).digest('hex')}`;
const hourOf = (now: Date) => now.toISOString().slice(0, 13);

/** A question for the form: its text and the signed token the form carries back (nonce, numbers, expiry, HMAC). */
export type Challenge = { question: string; token: string };

/** A new question: a + b with one-digit numbers, valid for two hours. */
export function newChallenge(secret: string, now: Date): Challenge {
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const body = `${randomInt(2 ** 47).toString(36)}.${a}.${b}.${now.getTime() + CHALLENGE_TTL_MS}`;
  return { question: T.challengeQuestion(a, b), token: `${body}.${createHmac('sha256', secret).update(`challenge\n${body}`).digest('hex')}` };
}

/** Whether the address has filed enough applications this hour for the form to ask the question. */
export async function challengeNeeded(db: DbOrTrx, client: IntakeClient, now: Date): Promise<boolean> {
  if (client.limits.challengeAfter === 0) return true;
  const row = await db
    .selectFrom('intakeThrottle')
    .select('count')
    .where('key', '=', digestOf(client.secret, 'address-hour', client.ip))
    .where('window', '=', hourOf(now))
    .executeTakeFirst();
  return (row?.count ?? 0) >= client.limits.challengeAfter;
}

const refuse = (message: string) => new DomainError('VALIDATION', t.errors.validation, { challengeAnswer: message });

/** Checks the answer to a signed question and spends the question (a second use is refused); VALIDATION otherwise. */
async function checkChallenge(trx: Transaction<Database>, secret: string, answer: { token?: string | undefined; answer?: string | undefined }, now: Date) {
  const given = (answer.answer ?? '').trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!answer.token || !given) throw refuse(T.challengeMissing);
  const parts = answer.token.split('.');
  const [nonce, a, b, expires, mac] = parts as [string, string, string, string, string];
  const expected = Buffer.from(
    createHmac('sha256', secret)
      .update(`challenge\n${parts.slice(0, 4).join('.')}`)
      .digest('hex'),
  );
  const signed = parts.length === 5 && Buffer.from(mac).length === expected.length && timingSafeEqual(Buffer.from(mac), expected);
  if (!signed || Number(expires) < now.getTime()) throw refuse(T.challengeStale);
  if (!/^\d{1,3}$/.test(given) || Number(given) !== Number(a) + Number(b)) throw refuse(T.challengeWrong);
  const used = await trx
    .insertInto('intakeThrottle')
    .values({ key: `challenge:${nonce}`, window: 'used', count: 1, expiresAt: new Date(Number(expires)).toISOString() })
    .onConflict((oc) => oc.columns(['key', 'window']).doUpdateSet((eb) => ({ count: eb(eb.ref('intakeThrottle.count'), '+', 1) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  if (used.count > 1) throw refuse(T.challengeStale);
}

/** The start of the next China day after `today` (YYYY-MM-DD), as an instant. */
const nextChinaMidnight = (today: string) => new Date(Date.parse(`${today}T00:00:00+08:00`) + DAY_MS).toISOString();

/** The counters one submission adds to, with their limits (0 = none, not counted). */
function rulesOf(client: IntakeClient, contact: { phone: string; email?: string | undefined }, now: Date, today: string): Rule[] {
  const digest = (kind: string, value: string) => digestOf(client.secret, kind, value);
  const hour = hourOf(now);
  const hourEnds = new Date(Date.parse(`${hour}:00:00Z`) + HOUR_MS).toISOString();
  const dayEnds = nextChinaMidnight(today);
  const { perAddressHour, perAddressDay, perContactDay } = client.limits;
  const rules: Rule[] = [
    { key: digest('address-hour', client.ip), window: hour, expiresAt: hourEnds, limit: perAddressHour, message: T.perAddressHour(perAddressHour) },
    { key: digest('address-day', client.ip), window: today, expiresAt: dayEnds, limit: perAddressDay, message: T.perAddressDay(perAddressDay) },
    { key: digest('phone', normalizePhone(contact.phone)), window: today, expiresAt: dayEnds, limit: perContactDay, message: T.perContact(perContactDay) },
  ];
  if (contact.email) {
    rules.push({
      key: digest('email', normalizeEmail(contact.email)),
      window: today,
      expiresAt: dayEnds,
      limit: perContactDay,
      message: T.perContact(perContactDay),
    });
  }
  return rules.filter((r) => r.limit > 0);
}

/**
 * Counts one submission in its transaction; throws VALIDATION when the address owes an answer to the question and
 * gave none or a wrong one, THROTTLED (with the Chinese message of the first limit passed) when it would exceed a
 * limit; either rolls the transaction back, counts included.
 */
export async function countSubmission(
  trx: Transaction<Database>,
  client: IntakeClient,
  contact: { phone: string; email?: string | undefined },
  now: Date,
  today: string,
  challenge: { token?: string | undefined; answer?: string | undefined } = {},
): Promise<void> {
  if (await challengeNeeded(trx, client, now)) await checkChallenge(trx, client.secret, challenge, now);
  for (const rule of rulesOf(client, contact, now, today)) {
    // One atomic upsert per counter: concurrent submissions (any process) wait for each other's row and see its count.
    const row = await trx
      .insertInto('intakeThrottle')
      .values({ key: rule.key, window: rule.window, count: 1, expiresAt: rule.expiresAt })
      .onConflict((oc) => oc.columns(['key', 'window']).doUpdateSet((eb) => ({ count: eb(eb.ref('intakeThrottle.count'), '+', 1) })))
      .returning('count')
      .executeTakeFirstOrThrow();
    if (row.count > rule.limit) throw new DomainError('THROTTLED', rule.message, { _: rule.message });
  }
}

/** Deletes the counters whose window has ended (run after each submission; cheap through the expiry index). */
export async function pruneIntakeThrottle(db: DbOrTrx, now: Date): Promise<void> {
  await db.deleteFrom('intakeThrottle').where('expiresAt', '<=', now.toISOString()).execute();
}
