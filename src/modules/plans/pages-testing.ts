/** Helpers shared by the plans page tests (pages.test.ts, pages-en.test.ts). */
export const csrfOf = (body: string) => body.match(/name="_csrf" value="([^"]+)"/)![1]!;
export const unescape = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

export const PLAN_TEXT =
  'KẾ HOẠCH\nKiểm tra chợ truyền thống\nCác sở, ngành báo cáo kết quả qua Sở Công Thương trước ngày 10 tháng 12 hằng năm.\n' +
  'PHỤ LỤC\nTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời gian\n' +
  'I\tKiểm tra, giám sát\t\t\t\t\n' +
  '1\tKiểm tra niêm yết giá tại chợ Minh Xuân\tBan Quản lý chợ Minh Xuân\tSở Công Thương\tBáo cáo kiểm tra\tXong trước ngày 20/12/2026\n' +
  '2\tTập huấn đo lường cho tiểu thương\tSở Khoa học và Công nghệ\tUBND xã, phường\tLớp tập huấn\tHằng năm\n';

export function multipart(fields: [string, string][], file?: { name: string; bytes: Buffer }) {
  const boundary = '----bvntdplanpages';
  const parts: Buffer[] = fields.map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}
