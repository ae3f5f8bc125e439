/**
 * A small ZIP reader for DOCX and XLSX uploads (both are ZIP containers of XML parts), on
 * node:zlib so that no dependency is needed. Reads the central directory, then inflates only the
 * parts asked for, with size limits against ZIP bombs. Stored and deflated entries only; ZIP64,
 * encrypted or multi-disk archives are refused as corrupt (Word, Excel and LibreOffice do not
 * write them for files of a plan's size).
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { IMPORT_LIMITS, planImportErrors } from './errors.js';

interface Entry {
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  names: string[];
  /** The bytes of a part, or undefined when the archive has none of that name. */
  read(name: string): Buffer | undefined;
  /** A part as UTF-8 text. */
  text(name: string): string | undefined;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === LOCAL;
}

/** Opens a ZIP archive; throws `plan_import.corrupt_file` when it is not one or is damaged. */
export function openZip(buf: Buffer, maxPartBytes: number = IMPORT_LIMITS.maxPartBytes): ZipArchive {
  const corrupt = (why: string): never => {
    throw planImportErrors.corruptFile(why);
  };
  if (!isZip(buf)) corrupt('not a ZIP container');
  // The end-of-central-directory record sits in the last 22 + 65535 bytes.
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) corrupt('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) corrupt('ZIP64 archives are not supported');
  if (count > IMPORT_LIMITS.maxZipEntries) corrupt('too many entries');
  if (dirOffset + dirSize > eocd) corrupt('central directory out of bounds');

  const entries = new Map<string, Entry>();
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) corrupt('bad central directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > buf.length) corrupt('entry name out of bounds');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen).replace(/\\/g, '/');
    if (flags & 1) corrupt(`encrypted entry ${name}`);
    entries.set(name, { method, crc, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }

  const read = (name: string): Buffer | undefined => {
    const e = entries.get(name) ?? entries.get(name.replace(/^\//, ''));
    if (!e) return undefined;
    if (e.size > maxPartBytes) throw planImportErrors.tooLarge(maxPartBytes);
    const l = e.localOffset;
    if (l + 30 > buf.length || buf.readUInt32LE(l) !== LOCAL) corrupt(`bad local header for ${name}`);
    const start = l + 30 + buf.readUInt16LE(l + 26) + buf.readUInt16LE(l + 28);
    const end = start + e.compressedSize;
    if (end > buf.length) corrupt(`entry ${name} out of bounds`);
    const data = buf.subarray(start, end);
    let out: Buffer;
    if (e.method === 0) out = Buffer.from(data);
    else if (e.method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, maxPartBytes) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw planImportErrors.tooLarge(maxPartBytes);
        return corrupt(`cannot inflate ${name}`);
      }
    } else return corrupt(`unsupported compression ${e.method} for ${name}`);
    // A damaged part can still inflate: its checksum tells.
    if (out.length !== e.size || crc32(out) >>> 0 !== e.crc >>> 0) corrupt(`checksum mismatch in ${name}`);
    return out;
  };
  return { names: [...entries.keys()], read, text: (name) => read(name)?.toString('utf8') };
}
