import type { Generated } from 'kysely';

/** A file of a refused public application, held for a resubmission (applications/held-uploads.ts). */
export interface HeldUploadsTable {
  id: Generated<number>;
  /** SHA-256 of the token the re-rendered form carries; the token itself is never stored. */
  tokenHash: string;
  agencyId: number;
  /** A keyed digest of the client address, to cap what one address may hold. */
  clientKey: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
  createdAt: string;
  expiresAt: string;
}

export interface HeldUploadTables {
  heldUploads: HeldUploadsTable;
}
