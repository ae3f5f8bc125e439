import { sql, type Kysely } from 'kysely';

/**
 * Hotline console (modules/hotline; issue 4 point 9): the operators' call log, the call-back
 * queue for missed calls, and the quick-answer knowledge base with its first entries.
 *
 *  - hotline_call: one row per call an operator handled or missed. `phone` and `caller_name` are
 *    personal data (never in audit summaries). Outcome `case_created` links the request it created,
 *    `advice_only` carries a topic and a short summary (counted in statistics), `missed` points to
 *    the call-back that answers it.
 *  - callback: one open call-back per phone number at most (a caller who misses us three times is
 *    called back once); `due_by` is the service level computed by the module; the attempts are
 *    kept in `attempt_log`.
 *  - kb_answer: reference texts (questions callers ask, with the legal basis from LAW.md). The
 *    seed below is a frozen copy: a migration must not change when code changes.
 * Runs unchanged on PostgreSQL 15 and PGlite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table kb_answer (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9-]{3,80}$'),
      topic text not null,
      question text not null,
      answer text not null,
      tags text[] not null default '{}',
      legal_basis text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table callback (
      id uuid primary key default gen_random_uuid(),
      phone text not null,
      missed_at timestamptz not null,
      last_missed_at timestamptz not null,
      missed_count integer not null default 1 check (missed_count >= 1),
      due_by timestamptz not null,
      status text not null default 'open' check (status in ('open', 'done', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      last_attempt_at timestamptz,
      last_result text check (last_result in ('reached', 'no_answer', 'busy', 'wrong_number', 'served_on_new_call')),
      outcome text,
      attempt_log jsonb not null default '[]'::jsonb,
      done_at timestamptz,
      operator_id uuid references app_user(id),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'open') = (done_at is null))
    )`.execute(db);
  await sql`create index callback_queue on callback (status, due_by)`.execute(db);
  await sql`create unique index callback_open_phone on callback (phone) where status = 'open'`.execute(db);

  await sql`
    create table hotline_call (
      id uuid primary key default gen_random_uuid(),
      started_at timestamptz not null,
      phone text,
      caller_name text,
      outcome text not null check (outcome in ('case_created', 'advice_only', 'missed')),
      request_id uuid references request(id),
      request_code text,
      topic text,
      sector text,
      summary text,
      answer_id uuid references kb_answer(id),
      callback_id uuid references callback(id),
      operator_id uuid references app_user(id),
      notes text,
      created_at timestamptz not null default now(),
      check (outcome <> 'case_created' or (request_id is not null and request_code is not null)),
      check (outcome <> 'advice_only' or (topic is not null and summary is not null)),
      check (outcome <> 'missed' or phone is not null)
    )`.execute(db);
  await sql`create index hotline_call_phone on hotline_call (phone, started_at desc) where phone is not null`.execute(db);
  await sql`create index hotline_call_period on hotline_call (started_at, outcome)`.execute(db);
  await sql`create unique index hotline_call_request on hotline_call (request_id) where request_id is not null`.execute(db);
  await sql`create index hotline_call_callback on hotline_call (callback_id) where callback_id is not null`.execute(db);

  for (const a of SEED) {
    await sql`
      insert into kb_answer (slug, topic, question, answer, tags, legal_basis)
      values (${a.slug}, ${a.topic}, ${a.question.normalize('NFC')}, ${a.answer.normalize('NFC')},
              ${a.tags.map((t) => t.normalize('NFC'))}::text[], ${a.legal.normalize('NFC')})`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}

interface SeedAnswer {
  slug: string;
  topic: string;
  question: string;
  answer: string;
  tags: string[];
  legal: string;
}

/** Frozen on 27 Nov 2026 from ../shared/docs/LAW.md (Law 19/2023/QH15 and its decrees). */
const SEED: SeedAnswer[] = [
  {
    slug: 'doi-tra-hang-mua-truc-tuyen',
    topic: 'return-exchange',
    question: 'Mua hàng trên mạng, nhận hàng không đúng mô tả thì có được đổi trả, hoàn tiền không?',
    answer:
      'Có. Hàng không đúng với thông tin đã niêm yết, quảng cáo hoặc cam kết thì người bán phải đổi, trả hàng hoặc hoàn tiền (Điều 10 khoản 1 điểm e). Với giao dịch từ xa, nếu người bán cung cấp thông tin sai hoặc thiếu, người tiêu dùng được đơn phương chấm dứt hợp đồng trong 30 ngày kể từ ngày giao kết; người bán phải hoàn tiền trong 30 ngày kể từ khi nhận thông báo chấm dứt (Điều 38). Hướng dẫn người gọi: giữ hóa đơn, mã đơn hàng, ảnh hoặc video lúc mở hàng, tin nhắn với người bán; gửi yêu cầu đổi trả cho người bán và cho sàn (nếu mua trên sàn). Nếu sau 7 ngày làm việc không được giải quyết, ghi nhận yêu cầu hỗ trợ thương lượng gửi Sở Công Thương.',
    tags: ['đổi trả hàng', 'trả hàng', 'hoàn tiền', 'mua online', 'giao dịch từ xa', 'không đúng mô tả'],
    legal: 'Luật 19/2023/QH15 Điều 10 khoản 1 điểm đ, e; Điều 38; Điều 57',
  },
  {
    slug: 'doi-y-tra-hang',
    topic: 'return-exchange',
    question: 'Mua xong đổi ý, không muốn dùng nữa thì có được trả lại hàng không?',
    answer:
      'Với mua bán thông thường, luật không cho quyền trả hàng chỉ vì đổi ý: việc đổi trả theo chính sách người bán đã công bố, nên hỏi người gọi về chính sách ghi trên hóa đơn hoặc trang bán hàng. Ngoại lệ do luật quy định: mua hàng tận nhà (bán hàng tận cửa) có thời gian cân nhắc ít nhất 3 ngày làm việc (Điều 44 khoản 2); mua qua bán hàng đa cấp được trả lại hàng trong 30 ngày (Điều 45 khoản 1 điểm d); mua tại hội thảo, bán hàng lưu động có tổng giá trị trên 10 triệu đồng được 3 ngày làm việc để quyết định, không bị thu tiền đặt cọc trước đó và được trả hàng trong 30 ngày (Điều 47 khoản 1).',
    tags: ['đổi ý', 'trả hàng', 'thời gian cân nhắc', 'bán hàng tận cửa', 'đa cấp'],
    legal: 'Luật 19/2023/QH15 Điều 44 khoản 2; Điều 45 khoản 1 điểm d; Điều 47 khoản 1',
  },
  {
    slug: 'bao-hanh-sua-nhieu-lan',
    topic: 'warranty',
    question: 'Sản phẩm còn bảo hành, đã sửa nhiều lần vẫn hỏng thì người tiêu dùng có quyền gì?',
    answer:
      'Người bán phải công bố chính sách bảo hành, cấp giấy tiếp nhận bảo hành ghi thời hạn sửa chữa (thời gian sửa không tính vào thời hạn bảo hành), cho mượn sản phẩm tương tự để dùng tạm và chịu chi phí vận chuyển. Nếu không sửa được trong thời hạn đã hẹn, hoặc đã sửa từ 3 lần trở lên trong thời hạn bảo hành mà vẫn không khắc phục được, người bán phải đổi sản phẩm mới cùng loại hoặc hoàn tiền (Điều 30). Hướng dẫn người gọi giữ phiếu bảo hành và các giấy tiếp nhận sửa chữa.',
    tags: ['bảo hành', 'sửa nhiều lần', 'đổi mới', 'hoàn tiền', 'hàng lỗi'],
    legal: 'Luật 19/2023/QH15 Điều 30',
  },
  {
    slug: 'hang-khuyet-tat-gay-thiet-hai',
    topic: 'warranty',
    question: 'Hàng bị lỗi gây cháy nổ, gây thương tích hoặc thiệt hại tài sản thì ai chịu trách nhiệm?',
    answer:
      'Người tiêu dùng có quyền được bồi thường khi hàng hóa, dịch vụ có khuyết tật hoặc không đúng cam kết (Điều 4 khoản 5). Hàng có khuyết tật là hàng không bảo đảm an toàn, có thể gây hại cho tính mạng, sức khỏe, tài sản (Điều 3 khoản 4); doanh nghiệp phải thu hồi hàng có khuyết tật (Điều 33). Hướng dẫn người gọi: ngừng sử dụng, giữ nguyên sản phẩm, chụp ảnh hiện trường và thương tích, giữ hóa đơn và giấy tờ y tế. Vụ việc gây nguy hiểm cho nhiều người cần ghi nhận thành hồ sơ để cơ quan có thẩm quyền xem xét, không chỉ tư vấn.',
    tags: ['hàng lỗi', 'khuyết tật', 'cháy nổ', 'bồi thường', 'thu hồi', 'không an toàn'],
    legal: 'Luật 19/2023/QH15 Điều 3 khoản 4; Điều 4 khoản 5; Điều 33',
  },
  {
    slug: 'hang-gia-hang-nhai',
    topic: 'counterfeit',
    question: 'Nghi mua phải hàng giả, hàng nhái, hàng không rõ nguồn gốc thì làm gì?',
    answer:
      'Hướng dẫn người gọi giữ nguyên sản phẩm, bao bì, tem nhãn, hóa đơn và thông tin nơi bán. Đưa thông tin sai lệch, gây nhầm lẫn về hàng hóa là hành vi bị cấm (Điều 10 khoản 1 điểm a) và người tiêu dùng có nghĩa vụ thông báo cho cơ quan có thẩm quyền khi phát hiện hàng không bảo đảm an toàn hoặc hành vi vi phạm (Điều 5 khoản 4). Vụ việc vi phạm điều cấm không được giải quyết bằng thương lượng, hòa giải (Điều 54 khoản 2) mà chuyển cơ quan xử lý vi phạm (Quản lý thị trường). Nên tạo hồ sơ từ cuộc gọi để hệ thống chuyển đúng cơ quan.',
    tags: ['hàng giả', 'hàng nhái', 'nguồn gốc', 'quản lý thị trường', 'kém chất lượng'],
    legal: 'Luật 19/2023/QH15 Điều 5 khoản 4; Điều 10 khoản 1 điểm a; Điều 54 khoản 2',
  },
  {
    slug: 'san-tmdt-khong-hoan-tien',
    topic: 'ecommerce',
    question: 'Sàn thương mại điện tử hoặc người bán không hoàn tiền khi đơn bị hủy, không giao hàng thì sao?',
    answer:
      'Sàn giao dịch trực tuyến phải công bố đầu mối tiếp nhận khiếu nại, xác minh danh tính người bán và lưu thông tin giao dịch (Điều 39 khoản 3); chứng từ giao dịch trực tuyến phải tải về và in được (Điều 29). Người bán và sàn phải thông báo đã tiếp nhận khiếu nại trong 3 ngày làm việc (Điều 31 khoản 2) và thương lượng trong 7 ngày làm việc (Điều 57 khoản 2). Hướng dẫn người gọi khiếu nại qua kênh của sàn, ghi lại mã đơn hàng, mã khiếu nại và lịch sử thanh toán. Quá hạn mà không được giải quyết thì tạo hồ sơ yêu cầu hỗ trợ thương lượng.',
    tags: ['sàn thương mại điện tử', 'hoàn tiền', 'hủy đơn', 'không giao hàng', 'mua online', 'shopee', 'lazada', 'tiktok shop'],
    legal: 'Luật 19/2023/QH15 Điều 29; Điều 31 khoản 2; Điều 39 khoản 3; Điều 57 khoản 2',
  },
  {
    slug: 'doanh-nghiep-khong-tra-loi',
    topic: 'where-to-complain',
    question: 'Đã khiếu nại với doanh nghiệp nhưng không được trả lời thì phải làm gì, chờ bao lâu?',
    answer:
      'Doanh nghiệp phải thông báo đã tiếp nhận khiếu nại trong 3 ngày làm việc (Điều 31 khoản 2) và tiến hành thương lượng trong 7 ngày làm việc kể từ khi nhận yêu cầu (Điều 57 khoản 2). Nếu doanh nghiệp không trả lời hoặc từ chối không có lý do chính đáng, người tiêu dùng được yêu cầu cơ quan nhà nước về bảo vệ quyền lợi người tiêu dùng (Sở Công Thương) hoặc tổ chức xã hội hỗ trợ thương lượng (Điều 56 khoản 3, Điều 57 khoản 3). Sở chuyển yêu cầu đến doanh nghiệp trong 7 ngày làm việc (Điều 57 khoản 4). Ghi rõ ngày đã liên hệ doanh nghiệp và câu trả lời nhận được.',
    tags: ['không trả lời', 'khiếu nại', 'thời hạn', 'hỗ trợ thương lượng', 'sở công thương'],
    legal: 'Luật 19/2023/QH15 Điều 31 khoản 2; Điều 56 khoản 3; Điều 57 khoản 2–4; Nghị định 146/2025/NĐ-CP Điều 46',
  },
  {
    slug: 'gui-yeu-cau-o-dau',
    topic: 'where-to-complain',
    question: 'Gửi yêu cầu, khiếu nại ở đâu và cần những giấy tờ gì?',
    answer:
      'Người tiêu dùng gửi trực tiếp, qua bưu chính hoặc trực tuyến (Điều 57 khoản 3), hoặc qua tổng đài để điện thoại viên ghi nhận. Yêu cầu hỗ trợ thương lượng do Ủy ban nhân dân tỉnh (Sở Công Thương) tiếp nhận (Nghị định 146/2025/NĐ-CP Điều 46); chợ, người buôn bán nhỏ không đăng ký kinh doanh thuộc Ủy ban nhân dân xã, phường (Nghị định 139/2025/NĐ-CP Điều 18). Hồ sơ cần: họ tên, cách liên lạc của người tiêu dùng; tên và địa chỉ (hoặc mã số thuế, trang web) của doanh nghiệp; nội dung và yêu cầu cụ thể; chứng từ giao dịch như hóa đơn, biên nhận, tin nhắn (Điều 11 khoản 4, Điều 58 khoản 3). Thiếu thông tin doanh nghiệp hoặc bằng chứng giao dịch có thể bị từ chối.',
    tags: ['nơi khiếu nại', 'gửi đơn', 'hồ sơ', 'giấy tờ', 'thủ tục', 'tổng đài'],
    legal: 'Luật 19/2023/QH15 Điều 11; Điều 57 khoản 3; Điều 58; Nghị định 146/2025/NĐ-CP Điều 46; Nghị định 139/2025/NĐ-CP Điều 18',
  },
  {
    slug: 'cac-phuong-thuc-giai-quyet',
    topic: 'dispute-methods',
    question: 'Có những cách nào để giải quyết tranh chấp với doanh nghiệp?',
    answer:
      'Bốn phương thức: thương lượng, hòa giải, trọng tài và Tòa án (Điều 54 khoản 1), có thể trực tiếp hoặc trực tuyến (Điều 54 khoản 3). Thương lượng: người tiêu dùng yêu cầu doanh nghiệp, có thể nhờ Sở Công Thương hoặc Hội bảo vệ quyền lợi người tiêu dùng hỗ trợ (Điều 56–60). Hòa giải: qua tổ chức hòa giải do các bên chọn (Điều 61–66). Trọng tài: chỉ khi có thỏa thuận trọng tài (Điều 67–69). Tòa án: vụ án dân sự về bảo vệ người tiêu dùng (Điều 70–73). Vụ việc vi phạm điều cấm, gây hại lợi ích công cộng hoặc nhiều người tiêu dùng chưa xác định được thì không thương lượng, hòa giải (Điều 54 khoản 2).',
    tags: ['thương lượng', 'hòa giải', 'trọng tài', 'tòa án', 'tranh chấp', 'phương thức'],
    legal: 'Luật 19/2023/QH15 Điều 54; Điều 56–73',
  },
  {
    slug: 'thuong-luong',
    topic: 'dispute-methods',
    question: 'Thương lượng với doanh nghiệp diễn ra thế nào, kết quả có giá trị gì?',
    answer:
      'Doanh nghiệp tiến hành thương lượng trong 7 ngày làm việc kể từ khi nhận yêu cầu (Điều 57 khoản 2), hoặc từ khi nhận yêu cầu do cơ quan chuyển đến (Điều 57 khoản 5); từ chối thì phải trả lời bằng văn bản nêu lý do trong 7 ngày làm việc (Điều 57 khoản 6). Các bên được chọn thời gian, hình thức, tạm dừng hoặc chấm dứt thương lượng và yêu cầu giữ bí mật (Điều 59 khoản 1). Kết quả thương lượng lập thành văn bản, trừ khi các bên thỏa thuận khác, có chữ ký hoặc điểm chỉ của các bên (Điều 60). Doanh nghiệp báo kết quả cho cơ quan trong 5 ngày làm việc (Điều 57 khoản 5).',
    tags: ['thương lượng', 'biên bản', 'kết quả', 'thời hạn 7 ngày'],
    legal: 'Luật 19/2023/QH15 Điều 57; Điều 59; Điều 60',
  },
  {
    slug: 'hoa-giai',
    topic: 'dispute-methods',
    question: 'Muốn hòa giải tranh chấp tiêu dùng thì làm ở đâu, biên bản hòa giải có giá trị không?',
    answer:
      'Hòa giải do bên thứ ba các bên cùng chọn: tổ chức xã hội tham gia bảo vệ quyền lợi người tiêu dùng (như Hội bảo vệ quyền lợi người tiêu dùng tỉnh), tổ chức hòa giải thương mại, hòa giải ở cơ sở (Điều 63). Nếu một bên là người dân tộc thiểu số, ít nhất một hòa giải viên là người dân tộc thiểu số hoặc biết tiếng, nếu không phải có người phiên dịch (Điều 64 khoản 3). Biên bản hòa giải thành ghi rõ thời hạn thực hiện, có chữ ký các bên và hòa giải viên (Điều 65); một bên có thể yêu cầu Tòa án công nhận kết quả hòa giải thành (Điều 66).',
    tags: ['hòa giải', 'hội bảo vệ người tiêu dùng', 'biên bản hòa giải', 'dân tộc thiểu số'],
    legal: 'Luật 19/2023/QH15 Điều 61–66',
  },
  {
    slug: 'dieu-khoan-trong-tai',
    topic: 'dispute-methods',
    question: 'Hợp đồng có điều khoản giải quyết bằng trọng tài thì có bắt buộc phải ra trọng tài không?',
    answer:
      'Không bắt buộc nếu điều khoản trọng tài nằm trong hợp đồng theo mẫu hoặc điều kiện giao dịch chung: khi có tranh chấp, người tiêu dùng vẫn được chọn phương thức khác (Điều 67 khoản 2). Doanh nghiệp phải thông báo điều khoản trọng tài trước khi giao kết và được người tiêu dùng chấp nhận (Điều 67 khoản 1). Khi giải quyết bằng trọng tài, người tiêu dùng không phải chứng minh lỗi của doanh nghiệp; doanh nghiệp phải chứng minh mình không có lỗi (Điều 69).',
    tags: ['trọng tài', 'điều khoản trọng tài', 'hợp đồng theo mẫu', 'nghĩa vụ chứng minh'],
    legal: 'Luật 19/2023/QH15 Điều 67; Điều 69',
  },
  {
    slug: 'khoi-kien-toa-an',
    topic: 'dispute-methods',
    question: 'Kiện doanh nghiệp ra Tòa có phải đóng án phí không, thủ tục có lâu không?',
    answer:
      'Người tiêu dùng khởi kiện để bảo vệ quyền lợi của mình không phải nộp tạm ứng án phí (Điều 71). Giao dịch có giá trị dưới 100 triệu đồng được giải quyết theo thủ tục rút gọn (Điều 70 khoản 2). Tổ chức xã hội tham gia bảo vệ quyền lợi người tiêu dùng có thể khởi kiện thay theo ủy quyền, hoặc khởi kiện vì lợi ích công cộng (Điều 50 khoản 1 điểm g, h). Hướng dẫn người gọi giữ đầy đủ chứng từ giao dịch và văn bản trao đổi với doanh nghiệp.',
    tags: ['khởi kiện', 'tòa án', 'án phí', 'thủ tục rút gọn', 'dưới 100 triệu'],
    legal: 'Luật 19/2023/QH15 Điều 50 khoản 1; Điều 70 khoản 2; Điều 71',
  },
  {
    slug: 'hop-dong-theo-mau',
    topic: 'contract',
    question: 'Hợp đồng theo mẫu có điều khoản miễn trách nhiệm cho doanh nghiệp hoặc bất lợi cho người mua thì có hiệu lực không?',
    answer:
      'Luật liệt kê các điều khoản không được có trong hợp đồng theo mẫu, điều kiện giao dịch chung, ví dụ loại trừ trách nhiệm của doanh nghiệp, hạn chế quyền khiếu nại, khởi kiện của người tiêu dùng, cho phép doanh nghiệp đơn phương thay đổi điều kiện (Điều 25). Hợp đồng theo mẫu phải có các nội dung bắt buộc (Điều 23 khoản 3). Người tiêu dùng làm mất bản hợp đồng được yêu cầu cung cấp bản sao trong 7 ngày làm việc (Điều 26 khoản 2). Hợp đồng thuộc danh mục phải đăng ký (điện, nước, viễn thông, chung cư…) do Sở Công Thương đăng ký (Nghị định 146/2025/NĐ-CP Điều 47).',
    tags: ['hợp đồng theo mẫu', 'điều kiện giao dịch chung', 'điều khoản bất lợi', 'miễn trách nhiệm', 'bản sao hợp đồng'],
    legal: 'Luật 19/2023/QH15 Điều 23 khoản 3; Điều 25; Điều 26 khoản 2; Nghị định 146/2025/NĐ-CP Điều 47',
  },
  {
    slug: 'dich-vu-lien-tuc',
    topic: 'services',
    question: 'Nhà mạng, internet, truyền hình cắt dịch vụ không báo trước hoặc tự gia hạn và thu phí?',
    answer:
      'Dịch vụ cung cấp liên tục (từ 3 tháng trở lên hoặc không xác định thời hạn) có quy định riêng: doanh nghiệp phải báo trước ít nhất 3 ngày làm việc khi tạm ngừng cung cấp dịch vụ (Điều 41 khoản 3); phải thông báo ít nhất 7 ngày làm việc trước khi thu phí gia hạn và trước khi hợp đồng hết hạn (Điều 42 khoản 2 điểm đ, e); người tiêu dùng được đơn phương chấm dứt hợp đồng bất cứ lúc nào (Điều 42 khoản 3). Buộc trả tiền cho dịch vụ không thỏa thuận trước là hành vi bị cấm (Điều 10 khoản 1 điểm d).',
    tags: ['viễn thông', 'internet', 'cắt dịch vụ', 'gia hạn', 'thu phí', 'dịch vụ liên tục', 'truyền hình'],
    legal: 'Luật 19/2023/QH15 Điều 10 khoản 1 điểm d; Điều 41 khoản 3; Điều 42 khoản 2, 3',
  },
  {
    slug: 'ban-hang-hoi-thao-luu-dong',
    topic: 'direct-selling',
    question: 'Mua hàng tại hội thảo, bán hàng lưu động (nồi, máy lọc nước, thực phẩm chức năng) bị ép mua, muốn trả lại?',
    answer:
      'Bán hàng ngoài địa điểm kinh doanh thường xuyên có tổng giá trị trên 10 triệu đồng phải thông báo trước cho Ủy ban nhân dân xã, phường; người tiêu dùng có 3 ngày làm việc kể từ khi nhận hợp đồng để quyết định, không bị thu tiền đặt cọc trước thời hạn đó và được trả lại hàng trong 30 ngày (Điều 47 khoản 1). Quấy rối, ép buộc người tiêu dùng mua hàng là hành vi bị cấm (Điều 10 khoản 1 điểm b, c). Người cao tuổi thường là đối tượng bị nhắm đến: ghi nhận ưu tiên (Điều 8). Báo Ủy ban nhân dân xã, phường nơi tổ chức bán hàng.',
    tags: ['hội thảo', 'bán hàng lưu động', 'ép mua', 'người cao tuổi', 'trả lại hàng', 'thực phẩm chức năng'],
    legal: 'Luật 19/2023/QH15 Điều 8; Điều 10 khoản 1 điểm b, c; Điều 47; Nghị định 55/2024/NĐ-CP Điều 26–27',
  },
  {
    slug: 'lo-thong-tin-ca-nhan',
    topic: 'data-privacy',
    question: 'Bị gọi điện, nhắn tin chào mời liên tục, nghi cửa hàng làm lộ thông tin cá nhân?',
    answer:
      'Doanh nghiệp phải xin đồng ý trước khi thu thập thông tin của người tiêu dùng (Điều 17), cho phép người tiêu dùng từ chối việc chia sẻ cho bên thứ ba và nhận quảng cáo (Điều 18), bảo đảm an toàn thông tin (Điều 19) và cho người tiêu dùng xem, sửa, xóa thông tin của mình (Điều 20). Thu thập, sử dụng, chuyển giao thông tin trái phép là hành vi bị cấm (Điều 10 khoản 1 điểm m). Hướng dẫn người gọi yêu cầu doanh nghiệp ngừng sử dụng và xóa thông tin, lưu lại số gọi đến và nội dung tin nhắn làm bằng chứng.',
    tags: ['thông tin cá nhân', 'lộ thông tin', 'cuộc gọi rác', 'tin nhắn rác', 'làm phiền', 'quảng cáo'],
    legal: 'Luật 19/2023/QH15 Điều 10 khoản 1 điểm m; Điều 15–20; Luật 91/2025/QH15',
  },
  {
    slug: 'nguoi-tieu-dung-de-bi-ton-thuong',
    topic: 'vulnerable',
    question: 'Người cao tuổi, người khuyết tật, trẻ em, phụ nữ mang thai… có được ưu tiên giải quyết không?',
    answer:
      'Có. Người tiêu dùng dễ bị tổn thương gồm: người cao tuổi (từ 60 tuổi), người khuyết tật, trẻ em (dưới 16 tuổi), người dân tộc thiểu số và người sống ở vùng khó khăn, phụ nữ mang thai hoặc nuôi con dưới 36 tháng, người mắc bệnh hiểm nghèo, người thuộc hộ nghèo (Điều 8 khoản 1). Cơ quan nhà nước phải ưu tiên tiếp nhận, giải quyết và hướng dẫn họ cung cấp chứng cứ (Điều 8 khoản 2 điểm đ). Khi tạo hồ sơ, đánh dấu nhóm dễ bị tổn thương để hồ sơ được xếp lên đầu hàng chờ.',
    tags: ['dễ bị tổn thương', 'người cao tuổi', 'người khuyết tật', 'trẻ em', 'ưu tiên', 'hộ nghèo'],
    legal: 'Luật 19/2023/QH15 Điều 8',
  },
  {
    slug: 'tra-cuu-ho-so',
    topic: 'case-status',
    question: 'Người gọi hỏi hồ sơ đã gửi đang được xử lý đến đâu?',
    answer:
      'Người tiêu dùng tự tra cứu bằng mã hồ sơ (dạng YC-năm-số) và mã bí mật trong biên nhận, tại trang Tra cứu hồ sơ. Điện thoại viên tra theo số điện thoại ở mục Người gọi để xem trạng thái và cơ quan đang xử lý, không đọc thông tin cá nhân khi chưa xác minh đúng người. Lưu ý: luật chỉ quy định thời hạn 7 ngày làm việc để chuyển yêu cầu hỗ trợ thương lượng đến doanh nghiệp (Điều 57 khoản 4); các thời hạn khác là thời hạn nội bộ của tỉnh (Điều 77 khoản 1 điểm b).',
    tags: ['tra cứu', 'tình trạng hồ sơ', 'mã hồ sơ', 'tiến độ'],
    legal: 'Luật 19/2023/QH15 Điều 57 khoản 4; Điều 77 khoản 1 điểm b',
  },
];
