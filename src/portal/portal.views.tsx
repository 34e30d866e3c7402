import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Empty, Section } from '../web/components.tsx';
import { PortalLayout } from '../web/layout.tsx';

/** The platform's home: what it is, and every agency's disclosure column. */
export function PlatformHomePage({ agencies, elder }: { agencies: Agency[]; elder: boolean }): SafeHtml {
  const groups = [
    { kind: 'government', label: t.portal.agencyKind.government },
    { kind: 'department', label: t.portal.agencyKind.department },
  ] as const;
  return (
    <PortalLayout title={t.site.home} currentPath="/" elder={elder}>
      <section class="card" aria-labelledby="intro-title">
        <h1 id="intro-title">{t.portal.welcome}</h1>
        <p class="lead">{t.portal.intro}</p>
      </section>
      <Section title={t.portal.agencies} id="agencies">
        {agencies.length === 0 ? (
          <Empty>{t.portal.noAgencies}</Empty>
        ) : (
          groups.map((g) => {
            const list = agencies.filter((a) => a.kind === g.kind);
            return list.length === 0 ? null : (
              <>
                <h3>{g.label}</h3>
                <div class="grid">
                  {list.map((a) => (
                    <a class="tile" href={`/gk/${a.code}/`}>
                      <strong>{a.name}</strong>
                      <span>{t.nav.disclosureColumn}</span>
                    </a>
                  ))}
                </div>
              </>
            );
          })
        )}
      </Section>
    </PortalLayout>
  );
}
