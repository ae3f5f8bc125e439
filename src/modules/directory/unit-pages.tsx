/**
 * /admin/units: the 34 provinces with their commune counts, and a province's communes
 * (read-only: the units change only through a migration of the vendored data).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { formatDate } from '../../platform/i18n.js';
import { Layout, Pager, pageEnv, type PageEnv } from '../../web/layout.js';
import { Empty, pageQueryString, sendPage } from './components.js';
import { provinceCode, type CommuneView } from './schema.js';
import { getProvince, listCommunes, listProvincesWithCounts, type ProvinceWithCount } from './service.js';

const PAGE_SIZE = 50;

function ProvincesPage({ env, provinces }: { env: PageEnv; provinces: ProvinceWithCount[] }) {
  const total = provinces.reduce((n, p) => n + p.communeCount, 0);
  return (
    <Layout env={env} title={env.t('directory.units.title')}>
      <p class="hint">{env.t('directory.units.intro')}</p>
      {provinces.length === 0 ? (
        <Empty env={env} />
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{env.t('directory.units.caption', { provinces: provinces.length, communes: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{env.t('directory.units.code')}</th>
                <th scope="col">{env.t('directory.units.name')}</th>
                <th scope="col">{env.t('directory.units.type')}</th>
                <th scope="col">{env.t('directory.units.communeCount')}</th>
              </tr>
            </thead>
            <tbody>
              {provinces.map((p) => (
                <tr>
                  <td>{p.code}</td>
                  <td>
                    <a href={`/admin/units/${p.code}`}>{p.name}</a>
                  </td>
                  <td>{env.t(`unitType.${p.type}`)}</td>
                  <td>{p.communeCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint">{env.t('directory.units.source')}</p>
    </Layout>
  );
}

function CommunesPage({
  env,
  province,
  communes,
  page,
}: {
  env: PageEnv;
  province: Awaited<ReturnType<typeof getProvince>>;
  communes: CommuneView[];
  page: number;
}) {
  const shown = communes.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <Layout env={env} title={province.name}>
      {province.amendedOn ? (
        <p class="notice">
          {env.t('directory.units.amended', {
            date: formatDate(province.amendedOn),
            basis: province.amendedBasis ?? '',
            name: province.name2025,
          })}
        </p>
      ) : null}
      {shown.length === 0 ? (
        <Empty env={env} />
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{env.t('directory.units.communesCaption', { total: communes.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{env.t('directory.units.code')}</th>
                <th scope="col">{env.t('directory.units.name')}</th>
                <th scope="col">{env.t('directory.units.type')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr>
                  <td>{c.code}</td>
                  <td>{c.name}</td>
                  <td>{env.t(`unitType.${c.type}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager env={env} page={page} pageSize={PAGE_SIZE} total={communes.length} query={{}} />
      <p>
        <a href="/admin/units">{env.t('directory.units.back')}</a>
      </p>
    </Layout>
  );
}

export function registerUnitPages(root: FastifyInstance): void {
  const app = typed(root);
  app.get('/admin/units', { schema: { hide: true, querystring: pageQueryString } }, async (req, reply) => {
    requirePermission(req.ctx, 'directory.manage');
    return sendPage(reply, <ProvincesPage env={pageEnv(req)} provinces={await listProvincesWithCounts(req.ctx)} />);
  });
  app.get(
    '/admin/units/:code',
    { schema: { hide: true, params: z.object({ code: provinceCode }), querystring: pageQueryString } },
    async (req, reply) => {
      requirePermission(req.ctx, 'directory.manage');
      const province = await getProvince(req.ctx, req.params.code);
      const communes = await listCommunes(req.ctx, req.params.code);
      return sendPage(reply, <CommunesPage env={pageEnv(req)} province={province} communes={communes} page={req.query.page} />);
    },
  );
}
