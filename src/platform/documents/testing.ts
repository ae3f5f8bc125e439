/**
 * Text extraction for tests: what a reader would copy out of a generated DOCX or PDF.
 * Test support only: it imports `unpdf`, a devDependency; production code never imports it.
 *
 * DOCX: node has no unzip, so a minimal ZIP reader (central directory, stored or deflated
 * entries) takes `word/document.xml` and the footers; the text is the content of `<w:t>`
 * elements, one line per paragraph, `<w:tab/>` as a tab, XML entities decoded.
 */
import { inflateRawSync } from 'node:zlib';
import { extractText } from 'unpdf';

/** The entries of a ZIP file, by name. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a ZIP file: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    if (method === 0) out.set(name, Buffer.from(data));
    else if (method === 8) out.set(name, inflateRawSync(data));
    else throw new Error(`unsupported ZIP method ${method} for ${name}`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return entities[e] ?? m;
  });
}

/** The text of one WordprocessingML part: a line per paragraph. */
export function wordXmlText(xml: string): string {
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g) ?? [];
  return paragraphs
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:br\/>/g)]
        .map((m) => (m[0] === '<w:tab/>' ? '\t' : m[0] === '<w:br/>' ? '\n' : decode(m[1] ?? '')))
        .join(''),
    )
    .join('\n');
}

/** Body text of a DOCX (`word/document.xml`), then its footers. */
export function docxText(docx: Buffer): { body: string; footers: string; xml: string } {
  const files = unzip(docx);
  const xml = files.get('word/document.xml')?.toString('utf8');
  if (xml === undefined) throw new Error('no word/document.xml');
  const footers = [...files.entries()]
    .filter(([name]) => /^word\/footer\d*\.xml$/.test(name))
    .map(([, b]) => wordXmlText(b.toString('utf8')))
    .join('\n');
  return { body: wordXmlText(xml), footers, xml };
}

/** The text of a PDF as pdf.js extracts it (what copy and paste gives), pages joined. */
export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const { text, totalPages } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return { text, pages: totalPages };
}

/** Whitespace runs (line wraps included) as one space, for phrase checks across wrapped lines. */
export function flat(s: string): string {
  return s.replace(/\s+/g, ' ');
}
