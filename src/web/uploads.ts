/**
 * Every multipart (upload) form registers its parser here, so the limits an attacker probes are all set and enforced
 * before work is done: the number of files, fields and parts, each file's and field's size (busboy stops reading at
 * them), and the whole request's size, checked from its Content-Length before a byte of the body is read (a request
 * without one is refused: browsers always send it). The bytes of the uploads in progress in one process are kept
 * within `config.uploadMemoryBytes`: a request that does not fit is answered 503 at once instead of being buffered.
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

/** The bytes reserved by uploads in progress, per configuration (one per app: its scopes share it). */
class UploadBudget {
  private used = 0;
  constructor(private readonly capacity: number) {}
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.capacity) return false;
    this.used += bytes;
    return true;
  }
  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

const budgets = new WeakMap<Config, UploadBudget>();
const reserved = new WeakMap<FastifyRequest, number>();

function budgetOf(config: Config): UploadBudget {
  let budget = budgets.get(config);
  if (!budget) {
    budget = new UploadBudget(config.uploadMemoryBytes);
    budgets.set(config, budget);
  }
  return budget;
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
    const bytes = reserved.get(request);
    if (bytes === undefined) return;
    reserved.delete(request);
    budget.release(bytes);
  };
  scope.addHook('onRequest', async (request, reply) => {
    if (!request.headers['content-type']?.toLowerCase().startsWith('multipart/')) return;
    const header = request.headers['content-length'];
    if (header === undefined) throw new DomainError('LENGTH_REQUIRED', U.lengthRequired);
    const length = Number(header);
    if (!Number.isSafeInteger(length) || length > limits.totalBytes) throw new DomainError('TOO_LARGE', U.tooLarge(Math.floor(limits.totalBytes / MB)));
    if (!budget.reserve(length)) {
      reply.header('retry-after', '30');
      throw new DomainError('BUSY', U.busy);
    }
    reserved.set(request, length);
  });
  scope.addHook('onResponse', async (request) => release(request));
  scope.addHook('onRequestAbort', async (request) => release(request));
}
