/**
 * Demo agencies of the demo province, named as in the province's implementation plan of
 * Conclusion 207-KL/TW (Tuyên Quang, code 08; seeds/002). Other provinces get the same set with
 * generic names ("Sở Công Thương tỉnh X"). Idempotent: an agency that exists is reused.
 */
import type { Ctx } from '../../platform/context.js';
import { directoryErrors as E } from './errors.js';
import { findAgencyByName, findProvince, listCommunesOfProvince } from './repo.js';
import { createAgency } from './service.js';
import type { AgencyKind } from './schema.js';

interface DemoAgency {
  kind: AgencyKind;
  name: (loc: string, short: string) => string;
  /** The name used in the Tuyên Quang plan, when it is not the generic one. */
  tuyenQuang?: string;
  aliases: string[];
  parentKind?: AgencyKind;
}

const TUYEN_QUANG = '08';

const DEMO_AGENCIES: DemoAgency[] = [
  { kind: 'so-cong-thuong', name: (l) => `Sở Công Thương ${l}`, aliases: ['Sở Công Thương', 'SCT'] },
  {
    kind: 'qltt',
    name: (l) => `Chi cục Quản lý thị trường ${l}`,
    aliases: ['Chi cục Quản lý thị trường', 'Chi cục QLTT', 'Đội QLTT'],
    parentKind: 'so-cong-thuong',
  },
  { kind: 'so-tai-chinh', name: (l) => `Sở Tài chính ${l}`, aliases: ['Sở Tài chính'] },
  { kind: 'cong-an', name: (l) => `Công an ${l}`, aliases: ['Công an tỉnh'] },
  { kind: 'so-tu-phap', name: (l) => `Sở Tư pháp ${l}`, aliases: ['Sở Tư pháp'] },
  { kind: 'so-khcn', name: (l) => `Sở Khoa học và Công nghệ ${l}`, aliases: ['Sở Khoa học và Công nghệ', 'Sở KH&CN'] },
  { kind: 'so-y-te', name: (l) => `Sở Y tế ${l}`, aliases: ['Sở Y tế'] },
  { kind: 'so-nnmt', name: (l) => `Sở Nông nghiệp và Môi trường ${l}`, aliases: ['Sở Nông nghiệp và Môi trường', 'Sở NN&MT'] },
  {
    kind: 'so-vhttdl',
    name: (l) => `Sở Văn hóa, Thể thao và Du lịch ${l}`,
    aliases: ['Sở Văn hóa, Thể thao và Du lịch', 'Sở VHTTDL', 'Sở VH,TT&DL'],
  },
  { kind: 'so-gddt', name: (l) => `Sở Giáo dục và Đào tạo ${l}`, aliases: ['Sở Giáo dục và Đào tạo', 'Sở GD&ĐT'] },
  { kind: 'so-noi-vu', name: (l) => `Sở Nội vụ ${l}`, aliases: ['Sở Nội vụ'] },
  { kind: 'so-xay-dung', name: (l) => `Sở Xây dựng ${l}`, aliases: ['Sở Xây dựng'] },
  { kind: 'hai-quan', name: (_l, s) => `Hải quan ${s}`, tuyenQuang: 'Chi cục Hải quan khu vực XVI', aliases: ['Chi cục Hải quan'] },
  {
    kind: 'bien-phong',
    name: (l) => `Ban Chỉ huy Bộ đội Biên phòng ${l}`,
    aliases: ['Bộ đội Biên phòng', 'Ban Chỉ huy Bộ đội biên phòng trực thuộc Bộ Chỉ huy quân sự tỉnh'],
  },
  {
    kind: 'bao-ptth',
    name: (_l, s) => `Báo và Phát thanh, Truyền hình ${s}`,
    tuyenQuang: 'Báo và Phát thanh, truyền hình Tuyên Quang',
    aliases: ['Báo và PT-TH tỉnh', 'Báo và PTTH tỉnh'],
  },
  { kind: 'mttq', name: (l) => `Ủy ban Mặt trận Tổ quốc Việt Nam ${l}`, aliases: ['Ủy ban MTTQ tỉnh', 'Ủy ban MTTQVN tỉnh'] },
  {
    kind: 'hoi-bvqlntd',
    name: (l) => `Hội Bảo vệ quyền lợi người tiêu dùng ${l}`,
    aliases: ['Hội Bảo vệ quyền lợi người tiêu dùng tỉnh', 'Hội BVQLNTD tỉnh', 'Hội BVQL NTD tỉnh'],
  },
  { kind: 'hiep-hoi-dn', name: (l) => `Hiệp hội Doanh nghiệp ${l}`, aliases: ['Hiệp hội doanh nghiệp tỉnh'] },
];

/** Communes given a demo UBND in Tuyên Quang: the Minh Xuân ward (the provincial seat), Hà Giang 1, Đồng Văn. */
const TUYEN_QUANG_COMMUNES = ['02215', '00694', '00721'];

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Resolves an agency for a demo user (the `AgencyResolver` of src/demo/seed.ts). */
export type DemoAgencyResolver = (kind: string, commune: boolean) => Promise<{ id: string; communeCode: string | null } | undefined>;

/**
 * Creates the demo province's agencies with their aliases, plus commune People's Committees of
 * three real communes, and returns a resolver from agency kind to agency for the demo users
 * (`commune = true` gives a commune-level UBND with its commune code).
 */
export async function seedDemoDirectory(ctx: Ctx, provinceCode: string): Promise<{ created: number; resolveAgency: DemoAgencyResolver }> {
  const province = await findProvince(ctx.db, provinceCode);
  if (!province) throw E.provinceNotFound();
  const loc = `${province.type_current === 'thanh_pho' ? 'thành phố' : 'tỉnh'} ${province.short_name}`;
  const byKind = new Map<string, string>();
  const communeAgencies: { id: string; communeCode: string }[] = [];
  let created = 0;

  const ensure = async (input: Parameters<typeof createAgency>[1]): Promise<string> => {
    const existing = await findAgencyByName(ctx.db, input.provinceCode, input.name);
    if (existing) return existing.id;
    created++;
    return (await createAgency(ctx, input)).id;
  };

  for (const a of DEMO_AGENCIES) {
    const name = provinceCode === TUYEN_QUANG && a.tuyenQuang ? a.tuyenQuang : a.name(loc, province.short_name);
    const id = await ensure({
      name,
      kind: a.kind,
      level: 'province',
      provinceCode,
      parentId: a.parentKind ? (byKind.get(a.parentKind) ?? null) : null,
      aliases: a.aliases,
    });
    byKind.set(a.kind, id);
  }

  const all = await listCommunesOfProvince(ctx.db, provinceCode);
  const picked =
    provinceCode === TUYEN_QUANG
      ? TUYEN_QUANG_COMMUNES.map((code) => all.find((c) => c.code === code)).filter((c) => c !== undefined)
      : [...all.filter((c) => c.type_current === 'phuong').slice(0, 1), ...all.filter((c) => c.type_current !== 'phuong').slice(0, 2)];
  for (const c of picked) {
    const unit = lowerFirst(c.name_current);
    const id = await ensure({
      name: `Ủy ban nhân dân ${unit}`,
      kind: 'ubnd-xa',
      level: 'commune',
      provinceCode,
      communeCode: c.code,
      aliases: [`UBND ${unit}`],
    });
    communeAgencies.push({ id, communeCode: c.code });
  }

  const resolveAgency: DemoAgencyResolver = async (kind, commune) => {
    if (commune || kind === 'ubnd-xa') return communeAgencies[0];
    const id = byKind.get(kind);
    return id ? { id, communeCode: null } : undefined;
  };
  return { created, resolveAgency };
}
