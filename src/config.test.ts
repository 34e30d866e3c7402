import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('GONGKAI_TRUST_PROXY', () => {
  it('trusts nobody by default', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ GONGKAI_TRUST_PROXY: ' ' }).trustProxy).toEqual([]);
  });

  it('reads a comma-separated list of addresses, CIDR ranges and proxy-addr names', () => {
    const c = loadConfig({ GONGKAI_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1, fd00::/8 ,loopback' });
    expect(c.trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses anything else with a message naming the variable', () => {
    for (const bad of ['true', '*', 'proxy.example', '10.0.0.0/33', '::1/129', '10.0.0.256', '10.0.0.1,,10.0.0.2']) {
      expect(() => loadConfig({ GONGKAI_TRUST_PROXY: bad }), bad).toThrow(/GONGKAI_TRUST_PROXY/);
    }
  });
});
