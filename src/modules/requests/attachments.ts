/**
 * Attachments of a request: evidence files stored outside the database (platform/storage), typed
 * by sniffing their bytes (JPEG, PNG, PDF, DOCX), at most 10 MB each and 20 per case. The
 * consumer adds them with the tracking secret; officers in scope add and read them, every read
 * audited.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import { can } from '../../platform/auth/permissions.js';
import { inTransaction, isUser, type Ctx, type Deps } from '../../platform/context.js';
import { AppError, notFound, unauthenticated } from '../../platform/errors.js';
import { createFsStorage, sniffType, type FileStorage } from '../../platform/storage.js';
import { countAttachments, findRequest, insertEvent, lockRequest } from './repo.js';
import { ENTITY } from './case-support.js';
import { inCaseScope, insideCase } from './access.js';
import { findNegotiation } from './negotiation-view.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const storages = new WeakMap<Deps, FileStorage>();
export function storageFor(deps: Deps): FileStorage {
  let s = storages.get(deps);
  if (!s) {
    s = createFsStorage(deps.config.DATA_DIR);
    storages.set(deps, s);
  }
  return s;
}

const notFoundErr = () => notFound('request.not_found', 'Không tìm thấy hồ sơ.');

function secretOk(hash: string, secret: string | undefined): boolean {
  if (!secret) return false;
  const a = Buffer.from(hash, 'hex');
  const b = createHash('sha256').update(secret).digest();
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cleans a client file name for display (never used as a path). */
export function safeFilename(name: string | undefined): string {
  const base = (name ?? 'tep-dinh-kem').normalize('NFC').replace(/^.*[\\/]/, '');
  const clean = base
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .trim()
    .slice(0, 200);
  return clean.length > 0 ? clean : 'tep-dinh-kem';
}

export async function addAttachment(ctx: Ctx, id: string, file: { filename?: string; bytes: Buffer }, auth: { trackingSecret?: string }) {
  if (!UUID.test(id)) throw notFoundErr();
  const pre = await findRequest(ctx.db, id);
  if (!pre) throw notFoundErr();
  const staff = can(ctx.actor, 'requests.intake') || can(ctx.actor, 'requests.handle');
  const bySecret = secretOk(pre.tracking_secret_hash, auth.trackingSecret);
  if (!bySecret) {
    if (ctx.actor.type === 'anonymous') throw unauthenticated('Cần mã theo dõi hồ sơ hoặc đăng nhập để gửi tài liệu.');
    if (!staff || !inCaseScope(ctx.actor, pre)) throw notFoundErr();
  }
  if (['refused', 'closed'].includes(pre.status))
    throw new AppError('invalid_state', 'request.closed', 'Hồ sơ đã kết thúc, không nhận thêm tài liệu.');
  if (file.bytes.length === 0) throw new AppError('validation', 'attachment.empty', 'Tệp rỗng.');
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', 'attachment.too_large', 'Mỗi tệp tối đa 10 MB.');
  const type = sniffType(file.bytes);
  if (!type) throw new AppError('unsupported_media_type', 'attachment.unsupported_type', 'Chỉ nhận ảnh JPEG, PNG, tệp PDF hoặc DOCX.');
  // Store first: a file without a row is garbage; a row without a file would be a lie.
  const stored = await storageFor(ctx.deps).put(file.bytes);
  return inTransaction(ctx, async (tx) => {
    const r = await lockRequest(tx.db, id);
    if (!r) throw notFoundErr();
    if ((await countAttachments(tx.db, id)) >= MAX_ATTACHMENTS)
      throw new AppError('invalid_state', 'attachment.too_many', `Mỗi hồ sơ tối đa ${MAX_ATTACHMENTS} tệp.`);
    const filename = safeFilename(file.filename);
    const row = await tx.db
      .insertInto('request_attachment')
      .values({
        request_id: id,
        filename,
        media_type: type,
        size_bytes: stored.size,
        sha256: stored.sha256,
        storage_key: stored.key,
        purpose: 'evidence',
        uploaded_by: isUser(tx.actor) ? tx.actor.userId : null,
        created_at: tx.now(),
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    // Evidence of the transaction now exists (Art. 58(3)): that item is no longer missing.
    const missing = r.missing.filter((m) => m !== 'transaction_evidence');
    if (missing.length !== r.missing.length) await tx.db.updateTable('request').set({ missing }).where('id', '=', id).execute();
    await insertEvent(tx.db, {
      requestId: id,
      at: tx.now(),
      type: 'attachment_added',
      actorId: isUser(tx.actor) ? tx.actor.userId : null,
      actorLabel: isUser(tx.actor) ? tx.actor.displayName : 'Người tiêu dùng',
      public: true,
      data: { attachmentId: row.id, mediaType: type, sizeBytes: stored.size },
    });
    await recordAudit(tx, {
      action: 'request.attachment_add',
      entityType: ENTITY,
      entityId: id,
      summary: { attachmentId: row.id, mediaType: type, sizeBytes: stored.size, sha256: stored.sha256 },
    });
    return {
      id: row.id,
      filename,
      mediaType: type,
      sizeBytes: stored.size,
      sha256: stored.sha256,
      createdAt: row.created_at.toISOString(),
    };
  });
}

/** The bytes of an attachment, for an officer in scope; audited as a personal-data read. */
export async function readAttachment(ctx: Ctx, id: string, attachmentId: string) {
  if (ctx.actor.type === 'anonymous') throw unauthenticated();
  if (!can(ctx.actor, 'requests.read')) throw new AppError('forbidden', 'auth.forbidden', 'Bạn không có quyền thực hiện thao tác này.');
  if (!UUID.test(id) || !UUID.test(attachmentId)) throw notFoundErr();
  const r = await findRequest(ctx.db, id);
  if (!r || !inCaseScope(ctx.actor, r)) throw notFoundErr();
  // Documents of a confidential negotiation: participants only (Art. 55(2), 59(1)(d)).
  if ((await findNegotiation(ctx.db, id))?.confidential && !insideCase(ctx.actor, r))
    throw new AppError('forbidden', 'attachment.confidential', 'Tài liệu của vụ thương lượng bảo mật chỉ dành cho các bên tham gia.');
  const a = await ctx.db
    .selectFrom('request_attachment')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('request_id', '=', id)
    .executeTakeFirst();
  if (!a) throw notFound('attachment.not_found', 'Không tìm thấy tệp đính kèm.');
  await recordAudit(ctx, { action: 'request.attachment_read', entityType: ENTITY, entityId: id, summary: { attachmentId } });
  return { filename: a.filename, mediaType: a.media_type, bytes: await storageFor(ctx.deps).get(a.storage_key) };
}
