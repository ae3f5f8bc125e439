/**
 * Curated keyword and phrase rules: what an experienced officer reads first. Weights are evidence
 * (3 strong, 2 clear, 1 hint) added to the statistical model's log-odds, never a verdict alone.
 */
import { compilePhrase, findPhrases, indexPhrases, type Lexicon, type Phrase, type PhraseHit, type PhraseIndex } from './phrases.js';
import type { Token } from './text.js';
import type { Sector, ViolationType } from './schema.js';

export type Label = { kind: 'sector'; value: Sector } | { kind: 'violation'; value: ViolationType };

export interface Rule {
  phrase: Phrase;
  label: Label;
  weight: number;
}

/** Price words after an unaccented "hang gia" mean "goods at a price", not "fake goods". */
const PRICE_NEXT = ['re', 'cao', 'goc', 'soc', 'tot', 'mem', 'niem', 'ca', 'si', 'le', 'thi', 'tri', 'uu', 'dac'];

const VIOLATION_RULES: ReadonlyArray<[ViolationType, number, string[]]> = [
  ['counterfeit', 3, ['hàng giả', 'hàng nhái', 'hàng fake', 'hàng dởm', 'hàng rởm', 'làm giả', 'fake', 'nghi hàng giả', '=là giả']],
  [
    'counterfeit',
    3,
    ['thuốc giả', 'rượu giả', 'sữa giả', 'phân bón giả', 'xăng giả', 'gas giả', 'tem giả', 'mỹ phẩm giả', 'giả nhãn hiệu'],
  ],
  ['counterfeit', 2, ['không chính hãng', 'không phải hàng chính hãng', 'nhái nhãn hiệu', 'mạo nhãn hiệu', 'replica', 'giống hệt hãng']],
  [
    'counterfeit',
    2,
    ['không phải của họ', 'không phải hàng của', 'tra mã vạch', 'quét mã', 'không tồn tại', 'thực chất là', 'pha màu', 'hàng nạp lại'],
  ],
  ['counterfeit', 1, ['=giả', 'giả mạo', 'mã vạch', 'số serial', 'trộn', 'pha']],
  ['poor-quality', 2, ['kém chất lượng', 'hàng lỗi', 'bị lỗi', 'hư hỏng', 'bị hỏng', 'ôi thiu', 'bị mốc', 'mốc xanh', 'hết hạn sử dụng']],
  ['poor-quality', 1, ['rách', 'bong tróc', 'phai màu', 'co rút', 'xù lông', 'bị nứt', 'thấm nước', 'bị dột', 'loa rè', 'bị rè', 'dị vật']],
  ['poor-quality', 1, ['không nảy mầm', 'con gián', 'vón cục', 'bị vỡ', 'không dùng được', 'chất lượng kém', 'chết', '=hỏng', '=lỗi']],
  [
    'poor-quality',
    1,
    ['rò nước', 'báo lỗi', 'không hoạt động', 'hay treo', 'đóng cục', 'mùi hôi', 'xuống cấp', 'không chính xác', 'sai lệch'],
  ],
  ['unsafe', 3, ['ngộ độc', 'nhập viện', 'cấp cứu', 'cháy nổ', 'phát nổ', 'bốc cháy', 'rò điện', 'giật điện', 'xì gas', 'rò rỉ gas']],
  [
    'unsafe',
    2,
    ['tiêu chảy', 'nôn mửa', 'buồn nôn', 'đau bụng', 'bị bỏng', 'bỏng da', 'chấn thương', 'bị thương', 'mất an toàn', 'nguy hiểm'],
  ],
  [
    'unsafe',
    2,
    ['chất cấm', 'hóa chất', 'kích ứng', 'nổi mẩn', 'đuối nước', 'áo phao', 'chập điện', 'corticoid', 'không an toàn', 'dị ứng'],
  ],
  ['misleading-info', 2, ['quảng cáo sai', 'sai sự thật', 'gây hiểu lầm', 'không đúng mô tả', 'khác ảnh', 'khác hình', 'khác hoàn toàn']],
  ['misleading-info', 2, ['đánh giá ảo', 'được tài trợ', 'ảnh mạng', 'chữa khỏi', 'đặc trị', 'thần dược', 'tư vấn sai', 'không hề nói']],
  ['misleading-info', 1, ['quảng cáo', 'cam kết', 'nguyên chất', 'chính hãng 100%', 'livestream', 'chữ nhỏ', 'ghi nhãn', 'thực tế']],
  ['unfair-contract', 3, ['điều khoản', 'không hoàn tiền trong mọi trường hợp', 'đơn phương', 'miễn trách nhiệm', 'tự động gia hạn']],
  ['unfair-contract', 2, ['hợp đồng', 'phạt hủy', 'mất cọc', 'mất tiền cọc', 'không hoàn', 'bắt ký', 'phụ lục', 'bắt buộc mua', 'mua kèm']],
  ['pricing', 3, ['chặt chém', 'chém giá', 'không niêm yết', 'tăng giá', 'phụ thu', 'phí ẩn', 'giảm giá ảo', 'khuyến mại ảo', 'nâng giá']],
  [
    'pricing',
    2,
    ['niêm yết', 'thu thêm', 'tính thêm', 'cộng thêm', 'bị trừ tiền', 'trừ tiền', 'cao gấp', 'giá gốc', 'tiền điện tăng', 'quá đắt'],
  ],
  ['pricing', 1, ['giá bán', 'báo giá', 'giá cao', 'giá vé', 'phí', 'tiền cước', 'cước phí', 'hóa đơn tiền', 'tính tiền', 'đắt gấp']],
  [
    'measurement-fraud',
    3,
    ['cân thiếu', 'thiếu cân', 'cân điêu', 'bơm thiếu', 'đổ thiếu', 'đong thiếu', 'gắn chip', 'tuổi vàng', 'thông thủy'],
  ],
  [
    'measurement-fraud',
    2,
    ['cân lại', 'công tơ', 'đồng hồ nước', 'quay nhanh', 'chạy nhanh', 'kiểm định', 'bình đong', 'thiếu trọng lượng'],
  ],
  [
    'measurement-fraud',
    2,
    ['đo lại', 'đo đạc lại', 'chỉ số', 'quay tít', 'không nhích', 'bị cắt bớt', 'thiếu khoảng', 'chỉ còn', 'ước tính'],
  ],
  ['measurement-fraud', 1, ['=cân', 'thước', 'đồng hồ', 'thiếu']],
  ['warranty', 3, ['từ chối bảo hành', 'không bảo hành', 'hết bảo hành', 'trung tâm bảo hành', 'phiếu bảo hành', 'sổ bảo hành']],
  ['warranty', 2, ['bảo hành']],
  ['fraud-scam', 3, ['lừa đảo', 'bị lừa', 'chiếm đoạt', 'giả danh', 'mạo danh', 'tự xưng', 'xưng là', 'mã otp', 'otp', 'lừa tiền']],
  ['fraud-scam', 2, ['chặn liên lạc', 'mất liên lạc', 'không liên lạc được', 'bỏ trốn', 'biến mất', 'trúng thưởng', 'làm nhiệm vụ']],
  ['fraud-scam', 2, ['đường link', 'bấm link', 'link giả', 'tài khoản cá nhân', 'tài khoản tạm giữ', 'web sập', 'website biến mất']],
  [
    'data-privacy',
    3,
    ['lộ thông tin', 'thông tin cá nhân', 'dữ liệu cá nhân', 'cuộc gọi rác', 'tin nhắn rác', 'bán thông tin', 'camera giấu'],
  ],
  ['data-privacy', 2, ['bị lộ', 'để lộ', 'làm phiền', 'chào mời', 'danh bạ', 'không xin phép', 'spam', 'chia sẻ thông tin', 'căn cước']],
  [
    'service-failure',
    2,
    ['giao chậm', 'chậm trễ', 'bị hoãn', 'hủy chuyến', 'mất điện', 'mất nước', 'mất sóng', 'chập chờn', 'mất kết nối'],
  ],
  [
    'service-failure',
    2,
    ['chưa nhận được hàng', 'không giao', 'bỏ chuyến', 'cắt điện', 'không ai nghe máy', 'hẹn mãi', 'đóng cửa', 'bị chậm'],
  ],
  [
    'service-failure',
    1,
    ['quá chậm', 'bị trễ', 'trễ hẹn', 'đến trễ', 'phải chờ', 'chờ mãi', 'thái độ', 'không đến', 'lỗi hệ thống', 'qua loa'],
  ],
  ['service-failure', 1, ['không tới', 'hủy đơn', 'tự hủy', 'không được kích hoạt', 'không liên kết', 'gộp lớp', 'xử lý chậm', 'rớt mạng']],
  [
    'complaint-refusal',
    3,
    ['không cho đổi', 'không đổi', 'không hoàn tiền', 'chưa được hoàn', 'không giải quyết', 'không trả lời', 'không phản hồi'],
  ],
  [
    'complaint-refusal',
    3,
    ['không cho trả', 'không nhận trả', 'không chịu trách nhiệm', 'không được hoàn', 'chưa hoàn', 'không ai giải quyết'],
  ],
  [
    'complaint-refusal',
    2,
    ['từ chối', 'đổ lỗi', 'im lặng', 'không chịu', 'không nhận trách nhiệm', 'không bồi thường', 'chặn chat', 'seen'],
  ],
  ['complaint-refusal', 1, ['khiếu nại', 'phản ánh', 'chối trách nhiệm', 'đẩy qua đẩy lại', 'không nhận', 'không đền']],
  ['smuggled-origin', 3, ['không rõ nguồn gốc', 'không rõ xuất xứ', 'nhập lậu', 'buôn lậu', 'hàng lậu', 'xách tay', 'không nhãn phụ']],
  [
    'smuggled-origin',
    2,
    ['không có nhãn phụ', 'chữ trung quốc', 'chữ nước ngoài', 'không nhãn mác', 'không có nhãn', 'qua biên giới', 'tem nhập khẩu'],
  ],
];

const SECTOR_RULES: ReadonlyArray<[Sector, number, string[]]> = [
  [
    'ecommerce',
    3,
    ['shopee', 'lazada', 'tiki', 'tiktok shop', 'sàn thương mại điện tử', 'gian hàng', 'mã đơn', 'đơn hàng', 'fanpage', 'freeship'],
  ],
  ['ecommerce', 2, ['trên sàn', 'lên sàn', 'shop', 'shipper', 'cod', 'voucher', 'flash sale', 'đặt hàng', 'trả hàng', 'mở hộp', 'website']],
  ['ecommerce', 1, ['người bán', 'mua online', 'mua hàng online', 'livestream', 'ứng dụng']],
  [
    'food',
    3,
    ['ngộ độc thực phẩm', 'an toàn thực phẩm', 'quán ăn', 'nhà hàng', 'đồ ăn', 'trà sữa', 'bánh mì', 'suất ăn', 'bếp ăn', 'nước mắm'],
  ],
  [
    'food',
    2,
    ['thực phẩm', 'món ăn', 'bữa ăn', 'ăn uống', 'ăn xong', 'sau khi ăn', 'bát phở', 'quán phở', 'bún', 'xôi', 'căng tin', 'buffet'],
  ],
  ['food', 2, ['hộp sữa', 'sữa bột', 'sữa tươi', 'lon sữa', 'rượu', 'bia', 'bánh', 'chủ quán', 'quán nhậu', 'nấu cỗ', 'cà phê']],
  [
    'health-products',
    3,
    ['nhà thuốc', 'quầy thuốc', 'mỹ phẩm', 'thực phẩm chức năng', 'thực phẩm bảo vệ sức khỏe', 'kem trộn', 'thiết bị y tế'],
  ],
  [
    'health-products',
    2,
    ['thuốc', 'kem dưỡng', 'kem chống nắng', 'serum', 'viên uống', 'son môi', 'nước hoa', 'siro', 'collagen', 'dầu gió'],
  ],
  ['health-products', 2, ['máy đo huyết áp', 'thuốc nam', 'sữa rửa mặt', 'thuốc đông y', 'kháng sinh']],
  [
    'health-services',
    3,
    ['phòng khám', 'bệnh viện', 'nha khoa', 'thẩm mỹ viện', 'filler', 'botox', 'viện phí', 'xét nghiệm', 'phẫu thuật'],
  ],
  ['health-services', 3, ['tiêm filler', 'tiêm vắc xin', 'mũi tiêm']],
  ['health-services', 2, ['bác sĩ', 'khám', 'spa', 'niềng răng', 'implant', 'bệnh nhân', 'điều trị', 'nâng mũi', 'hút mỡ', 'y tá']],
  ['health-services', 1, ['tiêm']],
  [
    'agriculture',
    3,
    ['phân bón', 'thuốc trừ sâu', 'thuốc bảo vệ thực vật', 'thức ăn chăn nuôi', 'thú y', 'vật tư nông nghiệp', 'cây giống'],
  ],
  ['agriculture', 2, ['giống lúa', 'lúa giống', 'giống ngô', 'con giống', 'hạt giống', 'nông dân', 'vườn', 'ruộng', 'ao nuôi', 'gà giống']],
  [
    'agriculture',
    2,
    ['cây cà phê', 'tôm giống', 'cá giống', 'nông sản', 'heo', 'trâu bò', 'vietgap', 'chăn nuôi', 'thịt lợn', 'trái cây', 'hoa quả'],
  ],
  ['agriculture', 1, ['rau', 'lúa', 'hữu cơ', 'gạo']],
  ['fuel-energy', 3, ['cây xăng', 'cửa hàng xăng dầu', 'xăng', 'bình gas', 'điện lực', 'tiền điện', 'evn', 'điện mặt trời', 'trạm sạc']],
  ['fuel-energy', 2, ['dầu diesel', 'gas', 'công tơ điện', 'mất điện', 'cắt điện', 'than tổ ong', 'nhớt', 'cột bơm']],
  ['fuel-energy', 1, ['điện']],
  ['water', 3, ['nước máy', 'nước sạch', 'cấp nước', 'tiền nước', 'đồng hồ nước', 'nước sinh hoạt', 'nước bình', 'đường ống nước']],
  ['water', 2, ['mất nước', 'giếng', 'nước đục', 'bể chứa', 'khối nước']],
  ['telecom-internet', 3, ['nhà mạng', 'gói cước', 'cáp quang', 'internet', 'wifi', 'thuê bao', 'sim', 'esim', 'truyền hình cáp', 'modem']],
  [
    'telecom-internet',
    2,
    ['4g', '5g', 'mất sóng', 'sóng yếu', 'tiền cước', 'cước phí', 'dịch vụ giá trị gia tăng', 'viettel', 'vinaphone'],
  ],
  ['telecom-internet', 1, ['tổng đài', 'cuộc gọi rác', 'tin nhắn rác']],
  [
    'banking-finance',
    3,
    ['ngân hàng', 'thẻ tín dụng', 'công ty tài chính', 'ví điện tử', 'khoản vay', 'nợ xấu', 'atm', 'sao kê', 'app vay'],
  ],
  ['banking-finance', 2, ['vay tiền', 'cho vay', 'vay tiêu dùng', 'lãi suất', 'tiết kiệm', 'tất toán', 'cầm đồ', 'khóa thẻ', 'thẻ ghi nợ']],
  ['banking-finance', 1, ['tài khoản', 'chuyển khoản', 'trả góp']],
  [
    'insurance',
    3,
    ['bảo hiểm', 'hợp đồng bảo hiểm', 'đại lý bảo hiểm', 'phí bảo hiểm', 'bảo hiểm nhân thọ', 'tái tục', 'quyền lợi bảo hiểm'],
  ],
  ['insurance', 2, ['giám định', 'bồi thường bảo hiểm']],
  ['insurance', 1, ['bồi thường', 'chi trả']],
  [
    'real-estate',
    3,
    ['chung cư', 'căn hộ', 'chủ đầu tư', 'sổ hồng', 'sổ đỏ', 'đất nền', 'bất động sản', 'nhà ở xã hội', 'ban quản trị', 'quỹ bảo trì'],
  ],
  ['real-estate', 2, ['dự án', 'bàn giao', 'phí quản lý', 'nhà trọ', 'phòng trọ', 'môi giới', 'thuê nhà', 'lô đất', 'chủ nhà']],
  ['real-estate', 1, ['ban quản lý', 'đặt cọc']],
  [
    'transport',
    3,
    ['nhà xe', 'xe khách', 'chuyến bay', 'hãng hàng không', 'hãng bay', 'taxi', 'xe công nghệ', 'vé máy bay', 'bến xe', 'tàu hỏa'],
  ],
  ['transport', 2, ['mua vé', 'đặt vé', 'vé xe', 'vé tàu', 'tài xế', 'ga tàu', 'chuyển phát', 'hành lý', 'xe buýt', 'cao tốc', 'sân bay']],
  ['transport', 2, ['bưu điện', 'phụ xe', 'đò ngang', 'vận đơn', 'tàu cao tốc']],
  [
    'tourism-hospitality',
    3,
    ['khách sạn', 'homestay', 'resort', 'tour', 'du lịch', 'lữ hành', 'hướng dẫn viên', 'khu du lịch', 'khu vui chơi'],
  ],
  ['tourism-hospitality', 2, ['đặt phòng', 'nghỉ dưỡng', 'karaoke', 'check in', 'công viên nước', 'phòng nghỉ', 'nhà nghỉ']],
  ['education', 3, ['học phí', 'khóa học', 'trung tâm ngoại ngữ', 'du học', 'gia sư', 'luyện thi', 'ielts', 'mầm non', 'học viên']],
  ['education', 2, ['giáo viên', 'trường học', 'nhà trường', 'học sinh', 'sinh viên', 'lớp học', 'đào tạo', 'tiếng anh', 'trường tư']],
  ['education', 1, ['trung tâm', 'học']],
  ['vehicles', 3, ['xe máy', 'ô tô', 'xe đạp điện', 'xe máy điện', 'hộp số', 'phụ tùng', 'salon xe', 'túi khí', 'mũ bảo hiểm', 'odo']],
  ['vehicles', 3, ['thợ sửa xe', 'tiệm sửa xe']],
  ['vehicles', 2, ['gara', 'lốp xe', 'thay lốp', 'phanh', 'động cơ', 'đăng kiểm', 'ắc quy', 'đại lý xe', 'xe điện', 'triệu hồi']],
  ['vehicles', 1, ['xe']],
  [
    'electronics-appliances',
    3,
    ['tủ lạnh', 'máy giặt', 'điều hòa', 'tivi', 'điện thoại', 'iphone', 'laptop', 'nồi cơm điện', 'lò vi sóng', 'bếp từ'],
  ],
  ['electronics-appliances', 3, ['nồi chiên', 'điện máy', 'máy tính']],
  ['electronics-appliances', 2, ['máy lọc nước', 'sạc', 'tai nghe', 'camera', 'loa', 'quạt', 'bình nóng lạnh', 'máy xay']],
  ['consumer-goods', 3, ['quần áo', 'túi xách', 'đồ chơi', 'chăn ga', 'nội thất', 'trang sức', 'nhẫn vàng', 'bỉm', 'đôi giày', 'giày dép']],
  [
    'consumer-goods',
    2,
    ['giày da', 'giày thể thao', 'nệm', 'sofa', 'tiệm vàng', 'chảo chống dính', 'bộ nồi', 'đồ gia dụng', 'bột giặt', 'kính mát'],
  ],
  ['consumer-goods', 2, ['chất vải', 'đồng hồ đeo tay', 'quần jean', 'áo khoác', 'dây chuyền']],
  ['consumer-goods', 1, ['áo']],
  [
    'services-other',
    3,
    ['phòng gym', 'phòng tập', 'giặt là', 'làm tóc', 'tiệm nail', 'chuyển nhà', 'studio', 'tang lễ', 'diệt mối', 'sửa khóa'],
  ],
  ['services-other', 2, ['sửa chữa', 'chụp ảnh', 'dịch vụ cưới', 'giúp việc', 'thông tắc', 'massage', 'hội viên', 'giặt']],
  ['services-other', 1, ['thợ', 'tiệm']],
];

export interface RuleSet {
  rules: Rule[];
  index: PhraseIndex;
  byPhrase: Map<Phrase, Rule[]>;
}

function build(): Rule[] {
  const rules: Rule[] = [];
  for (const [value, weight, phrases] of VIOLATION_RULES) {
    for (const p of phrases)
      rules.push({ phrase: compilePhrase(p, p === 'hàng giả' ? PRICE_NEXT : []), label: { kind: 'violation', value }, weight });
  }
  for (const [value, weight, phrases] of SECTOR_RULES) {
    for (const p of phrases) rules.push({ phrase: compilePhrase(p), label: { kind: 'sector', value }, weight });
  }
  return rules;
}

/** Compiles and indexes a rule set (once per classifier; no module-level mutable state). */
export function compileRules(rules: Rule[]): RuleSet {
  const byPhrase = new Map<Phrase, Rule[]>();
  for (const r of rules) byPhrase.set(r.phrase, [...(byPhrase.get(r.phrase) ?? []), r]);
  return { rules, index: indexPhrases(rules.map((r) => r.phrase)), byPhrase };
}

/** The curated rule set. */
export function curatedRules(): RuleSet {
  return compileRules(build());
}

export interface RuleHit {
  rule: Rule;
  hit: PhraseHit;
}

/**
 * Rule hits with overlaps resolved: a phrase inside a longer matched phrase for the same label
 * ("bảo hành" inside "từ chối bảo hành"), or a sector word inside a longer sector phrase of any
 * sector ("điện" inside "điện thoại"), does not count; each phrase counts once.
 */
export function applyRules(tokens: readonly Token[], set: RuleSet, lexicon?: Lexicon): RuleHit[] {
  const all: RuleHit[] = [];
  for (const hit of findPhrases(tokens, set.index, lexicon)) for (const rule of set.byPhrase.get(hit.phrase) ?? []) all.push({ rule, hit });
  all.sort((a, b) => b.hit.end - b.hit.start - (a.hit.end - a.hit.start) || a.hit.start - b.hit.start);
  const kept: RuleHit[] = [];
  const seen = new Set<string>();
  for (const h of all) {
    const id = `${h.rule.label.kind}:${h.rule.label.value}`;
    const dup = seen.has(`${id}:${h.rule.phrase.text}`);
    // Sector words nest across sectors too: "điện" inside "điện thoại", "xe" inside "xe khách".
    const inside = kept.some(
      (k) =>
        (k.rule.label.kind === 'sector' && h.rule.label.kind === 'sector'
          ? k.hit.end - k.hit.start > h.hit.end - h.hit.start
          : `${k.rule.label.kind}:${k.rule.label.value}` === id) &&
        k.hit.start <= h.hit.start &&
        h.hit.end <= k.hit.end,
    );
    if (dup || inside) continue;
    seen.add(`${id}:${h.rule.phrase.text}`);
    kept.push(h);
  }
  return kept;
}

/** Summed evidence per label, capped so that a long text full of hints cannot outweigh everything. */
export function ruleScores(hits: readonly RuleHit[], cap = 6): Map<string, number> {
  const scores = new Map<string, number>();
  for (const { rule, hit } of hits) {
    const id = `${rule.label.kind}:${rule.label.value}`;
    scores.set(id, Math.min(cap, (scores.get(id) ?? 0) + rule.weight * hit.quality));
  }
  return scores;
}
