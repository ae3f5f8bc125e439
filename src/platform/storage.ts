/**
 * Files live outside the database behind this interface; the default keeps them on the local
 * filesystem under DATA_DIR/files, addressed by an opaque key. Content type is decided by
 * sniffing the bytes, never by the name or the client's header.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export interface FileStorage {
  put(bytes: Buffer): Promise<{ key: string; sha256: string; size: number }>;
  get(key: string): Promise<Buffer>;
}

export function createFsStorage(dataDir: string): FileStorage {
  const root = resolve(dataDir, 'files');
  const pathOf = (key: string): string => {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error('invalid storage key');
    return join(root, key);
  };
  return {
    async put(bytes) {
      const id = randomUUID();
      const key = `${id.slice(0, 2)}/${id}`;
      const file = pathOf(key);
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, file);
      return { key, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
    },
    get: (key) => readFile(pathOf(key)),
  };
}

export type SniffedType =
  'image/jpeg' | 'image/png' | 'application/pdf' | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Recognises JPEG, PNG, PDF and DOCX by their bytes; anything else is undefined. */
export function sniffType(b: Buffer): SniffedType | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  // DOCX is a ZIP whose entries include word/document.xml (names are stored in clear in local headers).
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 && b.includes(Buffer.from('word/'))) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return undefined;
}
