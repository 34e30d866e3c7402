/**
 * What the platform may fetch (the channel probe's `--probe-url` today): http(s) only, no credentials in the URL, and
 * only the platform's own addresses — the origin of GONGKAI_PUBLIC_URL, and the address it listens on (HOST:PORT,
 * loopback when it listens on every interface) — unless the operator lists other hosts in GONGKAI_FETCH_ALLOWED_HOSTS.
 * Redirects are handled by hand: never followed to another origin, and only as many as the caller allows.
 */
import type { Config } from '../config.ts';
import { t } from './i18n/zh-CN.ts';

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
const ANY_INTERFACE = new Set(['0.0.0.0', '::', '[::]', '']);

/** A URL the policy refuses; the message is Chinese and names the setting that would allow it. */
export class OutboundRefused extends Error {}

export type OutboundPolicy = {
  /** Origins allowed as a whole (scheme, host and port), e.g. http://127.0.0.1:3000. */
  origins: Set<string>;
  /** Operator-listed hosts: `host` (any port) or `host:port`. */
  hosts: Set<string>;
};

/** The policy of a configuration: its public origin, its own listening address, and the hosts the operator allows. */
export function outboundPolicy(config: Pick<Config, 'publicUrl' | 'host' | 'port' | 'fetchAllowedHosts'>): OutboundPolicy {
  const origins = new Set<string>();
  if (config.publicUrl) origins.add(new URL(config.publicUrl).origin);
  if (config.port > 0) {
    const host = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
    const own = ANY_INTERFACE.has(host) || LOOPBACK.includes(host) ? LOOPBACK : [host];
    for (const h of own) origins.add(new URL(`http://${h}:${config.port}`).origin);
  }
  return { origins, hosts: new Set(config.fetchAllowedHosts.map((h) => h.toLowerCase())) };
}

/** The URL if the policy allows fetching it; otherwise OutboundRefused saying why. */
export function checkOutboundUrl(raw: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused(t.outbound.badUrl(raw));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused(t.outbound.notHttp(raw));
  if (url.username || url.password) throw new OutboundRefused(t.outbound.credentials(raw));
  const allowed = policy.origins.has(url.origin) || policy.hosts.has(url.hostname) || policy.hosts.has(url.host);
  if (!allowed) throw new OutboundRefused(t.outbound.notAllowed(url.origin));
  return url;
}

/**
 * fetch() under the policy: the URL is checked, redirects are not followed by fetch; up to `redirects` of them are
 * followed by hand when they stay on the same origin, and a redirect elsewhere is refused (OutboundRefused). With
 * `redirects: 0` (the default) a 3xx answer is returned as it is.
 */
export async function outboundFetch(raw: string, init: RequestInit, policy: OutboundPolicy, opts: { redirects?: number } = {}): Promise<Response> {
  let url = checkOutboundUrl(raw, policy);
  for (let left = opts.redirects ?? 0; ; left--) {
    const res = await fetch(url, { ...init, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status > 399 || location === null || left <= 0) return res;
    const next = new URL(location, url);
    if (next.origin !== url.origin) {
      await res.body?.cancel();
      throw new OutboundRefused(t.outbound.crossRedirect(url.origin, next.origin));
    }
    await res.body?.cancel();
    url = next;
    // A 303 (and a 301/302 after POST, as browsers do) continues as a GET without a body.
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && init.method === 'POST')) init = { ...init, method: 'GET', body: null };
  }
}
