/**
 * Files of a refused public application, held server-side for half an hour so the applicant need not choose them
 * again. The re-rendered form carries a random token (32 bytes; only its SHA-256 is stored); a held file is reached
 * only with that token and on the same agency's form, and expires. Held files count against the form's limits (at
 * most five in all, each checked as on submission), and one client address may hold at most a bounded amount.
 */
import { createHmac } from 'node:crypto';
import type { DbOrTrx } from '../db/database.ts';
import { inTransaction } from '../db/tx.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { randomToken, sha256Hex } from '../shared/ids.ts';
import { type CheckedFile, checkAttachment, givenFiles, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, safeFilename, type UploadedFile } from './attachments.ts';

/** How long a held file waits for the resubmission. */
export const HOLD_MS = 30 * 60_000;
/** What one client address may hold at once, over all its refused forms (two forms' worth of full files). */
export const HELD_BYTES_PER_ADDRESS = 2 * MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES;

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** A held file as the form lists it. */
export type HeldFile = { id: number; filename: string; size: number };
/** What the re-rendered form shows: the token, the files held, and those that could not be kept and why. */
export type HeldSet = { token: string; files: HeldFile[]; dropped: { filename: string; reason: string }[] };

/** Who holds: the agency of the form and the client address (digested with the server secret). */
export type Holder = { agencyId: number; ip: string; secret: string };

const clientKeyOf = (h: Holder) => createHmac('sha256', h.secret).update(`held-upload\n${h.ip}`).digest('hex');

/** The ids a form asks to remove (checkboxes `removeHeld-<id>`). */
export function removedHeldIds(values: Record<string, string>): number[] {
  return Object.entries(values)
    .filter(([k, v]) => /^removeHeld-\d{1,10}$/.test(k) && v === 'on')
    .map(([k]) => Number(k.slice('removeHeld-'.length)));
}

/** The live held files of a token on an agency's form, without the ones removed; a malformed token holds nothing. */
export async function heldFilesOf(
  db: DbOrTrx,
  agencyId: number,
  token: string | undefined,
  now: Date,
  removed: readonly number[] = [],
): Promise<(CheckedFile & HeldFile)[]> {
  if (!token || !TOKEN_RE.test(token)) return [];
  const rows = await db
    .selectFrom('heldUploads')
    .select(['id', 'filename', 'contentType', 'size', 'data'])
    .where('tokenHash', '=', sha256Hex(token))
    .where('agencyId', '=', agencyId)
    .where('expiresAt', '>', now.toISOString())
    .orderBy('id')
    .execute();
  return rows.filter((r) => !removed.includes(r.id)).map((r) => ({ ...r, data: Buffer.from(r.data) }));
}

/** Deletes the held files of a token (the submission that used them, in its transaction). */
export async function releaseHeld(db: DbOrTrx, agencyId: number, token: string | undefined): Promise<void> {
  if (!token || !TOKEN_RE.test(token)) return;
  await db.deleteFrom('heldUploads').where('tokenHash', '=', sha256Hex(token)).where('agencyId', '=', agencyId).execute();
}

/** Deletes every expired held file (any agency). */
export async function pruneHeld(db: DbOrTrx, now: Date): Promise<void> {
  await db.deleteFrom('heldUploads').where('expiresAt', '<=', now.toISOString()).execute();
}

/**
 * After a refused submission: removes the files the form asked to remove, checks the new uploads one by one and holds
 * those that pass (within the number and the address's allowance), and renews the hold. A token with nothing live
 * behind it is replaced by a fresh one, so a token is never adopted from the request.
 */
export async function holdUploads(
  db: DbOrTrx,
  holder: Holder,
  given: { token?: string | undefined; removed: readonly number[]; uploads: readonly UploadedFile[] },
  now: Date,
): Promise<HeldSet> {
  await pruneHeld(db, now);
  const dropped: HeldSet['dropped'] = [];
  const checked: CheckedFile[] = [];
  for (const upload of givenFiles(given.uploads)) {
    const r = await checkAttachment(upload);
    if (r.error !== undefined) dropped.push({ filename: safeFilename(upload.filename), reason: r.error });
    else checked.push(r.file);
  }
  return inTransaction(db, async (trx) => {
    const live = await heldFilesOf(trx, holder.agencyId, given.token, now);
    const token = live.length > 0 && given.token ? given.token : randomToken(32);
    const tokenHash = sha256Hex(token);
    const removed = live.filter((f) => given.removed.includes(f.id)).map((f) => f.id);
    if (removed.length > 0) await trx.deleteFrom('heldUploads').where('tokenHash', '=', tokenHash).where('id', 'in', removed).execute();
    const clientKey = clientKeyOf(holder);
    const usage = await trx
      .selectFrom('heldUploads')
      .select((eb) => eb.fn.sum<number | string | null>('size').as('bytes'))
      .where('clientKey', '=', clientKey)
      .where('expiresAt', '>', now.toISOString())
      .executeTakeFirst();
    let bytes = Number(usage?.bytes ?? 0);
    let count = live.length - removed.length;
    const expiresAt = new Date(now.getTime() + HOLD_MS).toISOString();
    for (const file of checked) {
      if (count >= MAX_ATTACHMENTS)
        dropped.push({ filename: file.filename, reason: t.applications.held.notKept(file.filename, t.applications.form.attachmentCount) });
      else if (bytes + file.data.length > HELD_BYTES_PER_ADDRESS)
        dropped.push({ filename: file.filename, reason: t.applications.held.notKept(file.filename, t.applications.held.noRoom) });
      else {
        await trx
          .insertInto('heldUploads')
          .values({
            tokenHash,
            agencyId: holder.agencyId,
            clientKey,
            filename: file.filename,
            contentType: file.contentType,
            size: file.data.length,
            data: file.data,
            createdAt: now.toISOString(),
            expiresAt,
          })
          .execute();
        bytes += file.data.length;
        count++;
      }
    }
    await trx.updateTable('heldUploads').set({ expiresAt }).where('tokenHash', '=', tokenHash).where('agencyId', '=', holder.agencyId).execute();
    const files = await trx
      .selectFrom('heldUploads')
      .select(['id', 'filename', 'size'])
      .where('tokenHash', '=', tokenHash)
      .where('agencyId', '=', holder.agencyId)
      .orderBy('id')
      .execute();
    return { token: files.length > 0 ? token : '', files, dropped };
  });
}
