/**
 * Every multipart (upload) form registers its parser here, so the limits an attacker probes are all set and enforced
 * before work is done: the number of files, fields and parts, each file's and field's size (busboy stops reading at
 * them), and the whole request's size, checked from its Content-Length before a byte of the body is read (a request
 * without one is refused: browsers always send it). The bytes of the uploads in progress in one process are kept
 * within `config.uploadMemoryBytes` (a quarter of it per client address): a request that does not fit is answered
 * 503 at once instead of being buffered.
 */
import fastifyMultipart, { type FastifyMultipartOptions, type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';

export type UploadLimits = {
  /** Files a request may carry. */
  files: number;
  /** Bytes of one file. */
  fileBytes: number;
  /** Bytes of the whole request body (files, fields and multipart framing). */
  totalBytes: number;
  /** Text fields a request may carry, and bytes of one. */
  fields: number;
  fieldBytes: number;
};

const MB = 1024 * 1024;
const U = t.files.upload;

/**
 * The bytes reserved by uploads in progress in one app (its scopes share it). One client address may hold at most a
 * quarter of it, so a few slow uploads from one place cannot keep everyone else's out.
 */
export class UploadBudget {
  private used = 0;
  private readonly byAddress = new Map<string, number>();
  constructor(private readonly capacity: number) {}
  reserve(address: string, bytes: number): boolean {
    const mine = this.byAddress.get(address) ?? 0;
    if (this.used + bytes > this.capacity || mine + bytes > this.capacity / 4) return false;
    this.used += bytes;
    this.byAddress.set(address, mine + bytes);
    return true;
  }
  release(address: string, bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
    const left = (this.byAddress.get(address) ?? 0) - bytes;
    if (left > 0) this.byAddress.set(address, left);
    else this.byAddress.delete(address);
  }
}

const budgets = new WeakMap<Config, UploadBudget>();
const reserved = new WeakMap<FastifyRequest, { address: string; bytes: number }>();

function budgetOf(config: Config): UploadBudget {
  let budget = budgets.get(config);
  if (!budget) {
    budget = new UploadBudget(config.uploadMemoryBytes);
    budgets.set(config, budget);
  }
  return budget;
}

// What @fastify/busboy and the file streams throw when a multipart body is cut short or malformed (plain errors, no
// status code): the client's fault, never a server error.
const BROKEN_BODY =
  /^(?:Multipart: Boundary not found|Unexpected end of multipart data|(?:Part|Preamble) terminated early due to unexpected end of multipart data)$/;

/** Whether an error means the upload's body was truncated or malformed: the client's fault, answered 400. */
export function isBrokenUpload(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === 'ERR_STREAM_PREMATURE_CLOSE' || BROKEN_BODY.test(e?.message ?? '');
}

// RFC 2046 §5.1.1: a boundary is 1–70 characters of this set (not ending in a space); busboy throws plain errors on others.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The boundary parameter of a multipart Content-Type (quoted or not), or null. */
export function boundaryOf(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** Registers multipart parsing in `scope` with these limits (and the parser options the routes need). */
export async function registerUploads(
  scope: FastifyInstance,
  limits: UploadLimits,
  options: {
    attachFieldsToBody: true | 'keyValues';
    onFile?: (this: FastifyRequest, part: MultipartFile) => Promise<void>;
    throwFileSizeLimit?: boolean;
  },
): Promise<void> {
  // The plugin types its options as a union over attachFieldsToBody; this object is one of its members.
  await scope.register(fastifyMultipart, {
    ...options,
    limits: {
      files: limits.files,
      fileSize: limits.fileBytes,
      fields: limits.fields,
      fieldSize: limits.fieldBytes,
      parts: limits.files + limits.fields,
      headerPairs: 20,
    },
  } as unknown as FastifyMultipartOptions);
  const budget = budgetOf(scope.deps.config);
  const release = (request: FastifyRequest) => {
    const held = reserved.get(request);
    if (held === undefined) return;
    reserved.delete(request);
    budget.release(held.address, held.bytes);
  };
  scope.addHook('onRequest', async (request, reply) => {
    const type = request.headers['content-type'] ?? '';
    if (!type.toLowerCase().startsWith('multipart/')) return;
    if (!BOUNDARY.test(boundaryOf(type) ?? '')) throw new DomainError('VALIDATION', U.broken);
    const header = request.headers['content-length'];
    if (header === undefined) throw new DomainError('LENGTH_REQUIRED', U.lengthRequired);
    const length = Number(header);
    if (!Number.isSafeInteger(length) || length > limits.totalBytes) throw new DomainError('TOO_LARGE', U.tooLarge(Math.floor(limits.totalBytes / MB)));
    if (!budget.reserve(request.ip, length)) {
      reply.header('retry-after', '30');
      throw new DomainError('BUSY', U.busy);
    }
    reserved.set(request, { address: request.ip, bytes: length });
  });
  scope.addHook('onResponse', async (request) => release(request));
  scope.addHook('onRequestAbort', async (request) => release(request));
}
