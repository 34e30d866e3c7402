import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

// The names proxy-addr (Fastify's trustProxy) understands besides addresses and CIDR ranges.
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One trusted proxy: an IPv4/IPv6 address, a CIDR range, or one of proxy-addr's names. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** GONGKAI_TRUST_PROXY: empty trusts nobody (the peer address is the client); else the proxies' addresses. */
const trustProxySchema = z
  .string()
  .default('')
  .transform((v) => (v.trim() === '' ? [] : v.split(',').map((s) => s.trim())))
  .refine(
    (list) => list.every(isProxyEntry),
    'GONGKAI_TRUST_PROXY 应为以逗号分隔的代理服务器地址或网段（如 10.0.0.1,10.1.0.0/16），或 loopback/linklocal/uniquelocal；留空表示不信任任何代理',
  );

const envSchema = z.object({
  GONGKAI_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 开头')
    .optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  GONGKAI_PUBLIC_URL: z.string().url().optional(),
  GONGKAI_SECRET: z.string().min(32, 'GONGKAI_SECRET 至少 32 个字符').optional(),
  GONGKAI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GONGKAI_ACCESS_LOG: z.enum(['on', 'off']).default('on').describe('One line per request (route pattern, status, ms, bytes, request id) at level info'),
  GONGKAI_SECURE_COOKIES: z.enum(['true', 'false', 'auto']).default('auto').describe('Set the Secure flag on cookies; auto = when GONGKAI_PUBLIC_URL is https'),
  PGOPTIONS: z.string().optional().describe('libpq-style options for PostgreSQL sessions, e.g. -c search_path=x'),
  GONGKAI_PAGE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  GONGKAI_UPLOAD_MEMORY_MB: z.coerce.number().int().min(16).max(65_536).default(256).describe('MB of uploads a process holds at once'),
  GONGKAI_APPLY_LIMIT_ADDRESS_HOUR: z.coerce.number().int().min(0).default(10).describe('online applications per client address per hour; 0 = no limit'),
  GONGKAI_APPLY_LIMIT_ADDRESS_DAY: z.coerce.number().int().min(0).default(20).describe('online applications per client address per China day; 0 = no limit'),
  GONGKAI_APPLY_LIMIT_CONTACT_DAY: z.coerce.number().int().min(0).default(5).describe('online applications per phone or e-mail per China day; 0 = no limit'),
  GONGKAI_APPLY_CHALLENGE_AFTER: z.coerce
    .number()
    .int()
    .min(0)
    .default(3)
    .describe('after this many applications from one address in an hour, the form asks a question; 0 = always'),
  GONGKAI_FETCH_ALLOWED_HOSTS: z
    .string()
    .default('')
    .describe('hosts (host or host:port, comma-separated) the platform may fetch besides its own addresses; e.g. the probe'),
  GONGKAI_PROACTIVE_MIN_APPLICANTS: z.coerce
    .number()
    .int()
    .min(2)
    .max(1000)
    .default(2)
    .describe('distinct applicants of similar disclosed cases before the console suggests publishing proactively'),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('gongkai@localhost'),
  PDF_FONT_DIR: z.string().min(1).default('/usr/share/fonts/opentype/noto').describe("where Debian's fonts-noto-cjk keeps its .ttc files"),
  GONGKAI_TRUST_PROXY: trustProxySchema.describe('Proxies whose X-Forwarded-For is believed; empty = none'),
});

export type Config = {
  dataDir: string;
  databaseUrl: string | undefined;
  pgOptions: string | undefined;
  host: string;
  port: number;
  publicUrl: string | undefined;
  secret: string | undefined;
  logLevel: z.infer<typeof envSchema>['GONGKAI_LOG_LEVEL'];
  accessLog: boolean;
  secureCookies: boolean;
  pageCacheMs: number;
  /** Bytes of multipart uploads a process holds in memory at once (web/uploads.ts); more waits its turn with a 503. */
  uploadMemoryBytes: number;
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** The folder of NotoSerifCJK-Regular.ttc and NotoSansCJK-Regular.ttc, for letters and receipts as PDF. */
  pdfFontDir: string;
  /** Trusted reverse proxies (addresses, CIDR ranges); empty: the peer address is the client's. */
  trustProxy: string[];
  /** Limits of the public application form (0 = none). */
  applyLimits: { perAddressHour: number; perAddressDay: number; perContactDay: number; challengeAfter: number };
  /** Hosts the platform may fetch besides its own addresses (src/shared/outbound.ts). */
  fetchAllowedHosts: string[];
  /** 依申请公开转主动公开: distinct applicants of similar disclosed cases before a suggestion (src/proactive). */
  proactiveMinApplicants: number;
};

/** Reads the environment into one validated config object; throws a readable message on bad settings. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置有误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = e.GONGKAI_PUBLIC_URL?.replace(/\/$/, '');
  return {
    dataDir: path.resolve(e.GONGKAI_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    pgOptions: e.PGOPTIONS,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    secret: e.GONGKAI_SECRET,
    logLevel: e.GONGKAI_LOG_LEVEL,
    accessLog: e.GONGKAI_ACCESS_LOG === 'on',
    secureCookies: e.GONGKAI_SECURE_COOKIES === 'auto' ? publicUrl?.startsWith('https:') === true : e.GONGKAI_SECURE_COOKIES === 'true',
    pageCacheMs: e.GONGKAI_PAGE_CACHE_MS,
    uploadMemoryBytes: e.GONGKAI_UPLOAD_MEMORY_MB * 1024 * 1024,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    pdfFontDir: e.PDF_FONT_DIR,
    trustProxy: e.GONGKAI_TRUST_PROXY,
    applyLimits: {
      perAddressHour: e.GONGKAI_APPLY_LIMIT_ADDRESS_HOUR,
      perAddressDay: e.GONGKAI_APPLY_LIMIT_ADDRESS_DAY,
      perContactDay: e.GONGKAI_APPLY_LIMIT_CONTACT_DAY,
      challengeAfter: e.GONGKAI_APPLY_CHALLENGE_AFTER,
    },
    fetchAllowedHosts: e.GONGKAI_FETCH_ALLOWED_HOSTS.split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    proactiveMinApplicants: e.GONGKAI_PROACTIVE_MIN_APPLICANTS,
  };
}
