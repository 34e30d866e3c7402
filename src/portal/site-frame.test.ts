import { describe, expect, it } from 'vitest';
import { effectiveFooter, type SiteFrameFields } from './site-frame.ts';

const none: SiteFrameFields = { sponsor: null, organizer: null, siteCode: null, icpRecord: null, psbRecord: null, address: null, phone: null };
const platform: SiteFrameFields = {
  sponsor: '市政府办公室',
  organizer: '市大数据中心',
  siteCode: '3715000000',
  icpRecord: '鲁ICP备1号',
  psbRecord: '鲁公网安备1号',
  address: '市府路1号',
  phone: '0635-100',
};

describe('effectiveFooter', () => {
  it('shows the platform on its own pages, with the platform site map', () => {
    expect(effectiveFooter(platform, null, null)).toEqual({ ...platform, sitemapHref: '/sitemap' });
  });

  it('puts each field an agency set over the platform, and its own contact facts before the platform', () => {
    const own = { ...none, sponsor: '工信局', siteCode: '3715000001' };
    expect(effectiveFooter(platform, own, { code: 'gx', address: '东昌路2号', phone: null })).toEqual({
      ...platform,
      sponsor: '工信局',
      siteCode: '3715000001',
      address: '东昌路2号',
      sitemapHref: '/gk/gx/sitemap',
    });
  });

  it('lets an agency footer address override its facts', () => {
    expect(effectiveFooter(none, { ...none, address: '接待室' }, { code: 'gx', address: '东昌路2号', phone: '1' }).address).toBe('接待室');
  });
});
