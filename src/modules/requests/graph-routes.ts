/** JSON API of the case graph (issue 5 point 6): sub-cases, groups, collective actions, Art. 54(2) referral, business page. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, nfcText, typed } from '../../platform/api.js';
import type { Deps } from '../../platform/context.js';
import {
  acceptReferral,
  actOnRequestGroup,
  addRequestGroupMembers,
  createRequestGroup,
  getCaseGraph,
  getRequestGroup,
  listBusinessCases,
  referRequestGroup,
  splitRequest,
  suggestRequestGroups,
} from './graph.js';
import { closingOutcomes, requestStatuses } from './schema.js';
import { childKinds } from './sub-cases.js';

// ── input ───────────────────────────────────────────────────────────────────

export const splitInput = z.strictObject({
  kind: z.enum(childKinds),
  /** Defaults by kind: violation_referral → market surveillance (qltt); civil_dispute → the case's agency. */
  agencyId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  note: nfcText(1, 2000).optional(),
});
export const referralInput = z.strictObject({ agencyId: z.uuid().optional(), note: nfcText(1, 2000).optional() });
export const groupCreateInput = z.strictObject({
  requestIds: z.array(z.uuid()).min(2).max(200),
  title: nfcText(3, 300).optional(),
  /** Art. 54(2): every affected consumer is identified, so the many-consumers threshold does not apply. */
  consumersIdentified: z.boolean().optional(),
});
export const groupMembersInput = z.strictObject({ requestIds: z.array(z.uuid()).min(1).max(200) });
export const groupActionInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('note'), body: nfcText(1, 5000) }),
  z.strictObject({
    action: z.literal('status'),
    to: z.enum(['accepted', 'in_progress', 'resolved', 'closed']),
    /** Required to close. */
    outcome: z.enum(closingOutcomes).optional(),
    note: nfcText(1, 2000).optional(),
    publicNote: nfcText(1, 2000).optional(),
  }),
]);
const suggestionsQuery = z.strictObject({ requestId: z.uuid().optional() });
const idParams = z.object({ id: z.uuid() });
const taxParams = z.object({ taxCode: z.string().regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế gồm 10 chữ số (hoặc 10-3)') });

// ── output ──────────────────────────────────────────────────────────────────

const rollupOut = z.object({
  state: z.enum(['no_children', 'all_closed', 'some_open', 'overdue_child']),
  label: z.string(),
  total: z.number(),
  open: z.number(),
  overdue: z.number(),
});
const proposalOut = z
  .object({
    kind: z.literal('violation_referral'),
    via: z.enum(['case', 'group']),
    agency: z.object({ id: z.string(), name: z.string() }).nullable(),
    reason: z.string(),
  })
  .nullable();
const childOut = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(childKinds),
  kindLabel: z.string(),
  status: z.literal('accepted'),
  statusLabel: z.string(),
  parentId: z.string(),
  parentCode: z.string(),
  agency: z.object({ id: z.string(), kind: z.string(), name: z.string() }),
  assignedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
  enforcementFlag: z.boolean(),
  clocks: z.array(z.object({ rule: z.string(), label: z.string(), startedAt: z.string(), dueAt: z.string(), state: z.string() })),
});
const graphOut = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(requestStatuses),
  statusLabel: z.string(),
  childKind: z.enum(childKinds).nullable(),
  enforcementFlag: z.boolean(),
  parent: z.object({ id: z.string(), code: z.string(), status: z.string(), statusLabel: z.string(), canOpen: z.boolean() }).nullable(),
  children: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      kind: z.enum(childKinds),
      kindLabel: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      agency: z.object({ id: z.string().nullable(), kind: z.string().nullable(), name: z.string().nullable() }),
      assignedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
      receivedAt: z.string(),
      nextDueAt: z.string().nullable(),
      overdue: z.boolean(),
      canOpen: z.boolean(),
    }),
  ),
  rollup: rollupOut,
  group: z.object({ id: z.string(), code: z.string(), title: z.string(), enforcementFlag: z.boolean() }).nullable(),
  referralProposal: proposalOut,
  can: z.object({ split: z.boolean(), acceptReferral: z.boolean(), close: z.boolean() }),
});
const groupOut = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  business: z.object({ name: z.string(), taxCode: z.string().nullable() }),
  sector: z.string().nullable(),
  createdAt: z.string(),
  consumers: z.number(),
  threshold: z.number(),
  consumersIdentified: z.boolean(),
  enforcement: z.object({
    flagged: z.boolean(),
    reason: z.enum(['threshold', 'member_flagged']).nullable(),
    label: z.string().nullable(),
    flaggedAt: z.string().nullable(),
  }),
  referral: z
    .object({ id: z.string(), code: z.string(), status: z.string(), statusLabel: z.string(), agencyName: z.string().nullable() })
    .nullable(),
  referralProposal: proposalOut,
  members: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      receivedAt: z.string(),
      businessName: z.string(),
      enforcementFlag: z.boolean(),
      overdue: z.boolean(),
      canOpen: z.boolean(),
    }),
  ),
  rollup: rollupOut,
  can: z.object({ addMembers: z.boolean(), act: z.boolean(), acceptReferral: z.boolean() }),
});
const referralOut = z.object({ groupId: z.string().nullable(), referral: childOut });
const actionOut = z.object({
  groupId: z.string(),
  code: z.string(),
  action: z.enum(['note', 'status']),
  applied: z.array(z.object({ id: z.string(), code: z.string(), status: z.string() })),
  skipped: z.array(z.object({ id: z.string(), code: z.string(), reason: z.string() })),
});
const suggestionsOut = z.object({
  threshold: z.number(),
  data: z.array(
    z.object({
      business: z.object({ name: z.string(), taxCode: z.string().nullable() }),
      sector: z.string().nullable(),
      violations: z.array(z.string()),
      matchedBy: z.array(z.enum(['tax_code', 'name'])),
      consumers: z.number(),
      reachesThreshold: z.boolean(),
      groups: z.array(z.object({ id: z.string(), code: z.string() })),
      requests: z.array(
        z.object({
          id: z.string(),
          code: z.string(),
          status: z.string(),
          statusLabel: z.string(),
          receivedAt: z.string(),
          businessName: z.string(),
          enforcementFlag: z.boolean(),
          groupId: z.string().nullable(),
        }),
      ),
    }),
  ),
});
const businessOut = z.object({
  taxCode: z.string(),
  names: z.array(z.string()),
  total: z.number(),
  open: z.number(),
  enforcementFlagged: z.number(),
  potentialViolations: z.number(),
  requests: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      receivedAt: z.string(),
      businessName: z.string(),
      matchedBy: z.enum(['tax_code', 'name']),
      sector: z.string().nullable(),
      violations: z.array(z.string()),
      enforcementFlag: z.boolean(),
      childKind: z.enum(childKinds).nullable(),
      overdue: z.boolean(),
      group: z.object({ id: z.string(), code: z.string() }).nullable(),
    }),
  ),
  groups: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      members: z.number(),
      consumers: z.number(),
      enforcementFlag: z.boolean(),
      referred: z.boolean(),
      rollup: rollupOut,
    }),
  ),
});

export function registerGraphRoutes(root: FastifyInstance, _deps: Deps): void {
  const app = typed(root);
  const tags = ['case-graph'];

  app.get(
    '/api/v1/requests/:id/graph',
    {
      schema: {
        tags,
        summary: 'Hồ sơ gốc, hồ sơ con (trạng thái tổng hợp), nhóm và đề nghị chuyển xử lý vi phạm (Điều 54 khoản 2)',
        params: idParams,
        response: { 200: graphOut, ...errors },
      },
    },
    async (req) => getCaseGraph(req.ctx, req.params.id),
  );
  app.post(
    '/api/v1/requests/:id/sub-cases',
    {
      schema: {
        tags,
        summary: 'Tách hồ sơ con (tranh chấp dân sự, chuyển xử lý vi phạm, tín hiệu an toàn sản phẩm, phản ánh về giá)',
        params: idParams,
        body: splitInput,
        response: { 201: childOut, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await splitRequest(req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/api/v1/requests/:id/referral',
    {
      schema: {
        tags,
        summary: 'Chấp nhận đề nghị chuyển cơ quan quản lý thị trường xử lý vi phạm (Điều 54 khoản 2)',
        params: idParams,
        body: referralInput,
        response: { 201: referralOut, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await acceptReferral(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/v1/request-groups/suggestions',
    {
      schema: {
        tags,
        summary: 'Gợi ý nhóm hồ sơ: cùng doanh nghiệp (mã số thuế hoặc tên), cùng lĩnh vực và có vi phạm chung',
        querystring: suggestionsQuery,
        response: { 200: suggestionsOut, ...errors },
      },
    },
    async (req) => suggestRequestGroups(req.ctx, req.query),
  );
  app.post(
    '/api/v1/request-groups',
    {
      schema: { tags, summary: 'Lập nhóm hồ sơ để xử lý chung', body: groupCreateInput, response: { 201: groupOut, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await createRequestGroup(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/request-groups/:id',
    { schema: { tags, summary: 'Một nhóm hồ sơ', params: idParams, response: { 200: groupOut, ...errors } } },
    async (req) => getRequestGroup(req.ctx, req.params.id),
  );
  app.post(
    '/api/v1/request-groups/:id/members',
    {
      schema: {
        tags,
        summary: 'Thêm hồ sơ vào nhóm',
        params: idParams,
        body: groupMembersInput,
        response: { 200: groupOut, ...errors },
      },
    },
    async (req) => addRequestGroupMembers(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/request-groups/:id/actions',
    {
      schema: {
        tags,
        summary: 'Thao tác chung trên mọi hồ sơ của nhóm: ghi chú nội bộ hoặc chuyển trạng thái',
        params: idParams,
        body: groupActionInput,
        response: { 200: actionOut, ...errors },
      },
    },
    async (req) => actOnRequestGroup(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/request-groups/:id/referral',
    {
      schema: {
        tags,
        summary: 'Chấp nhận đề nghị chuyển cả nhóm cho cơ quan quản lý thị trường xử lý vi phạm (Điều 54 khoản 2)',
        params: idParams,
        body: referralInput,
        response: { 201: referralOut, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await referRequestGroup(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/v1/businesses/:taxCode/requests',
    {
      schema: {
        tags,
        summary: 'Trang doanh nghiệp cho cán bộ: hồ sơ (theo phạm vi), nhóm hồ sơ và vi phạm thời hạn',
        params: taxParams,
        response: { 200: businessOut, ...errors },
      },
    },
    async (req) => listBusinessCases(req.ctx, req.params.taxCode),
  );
}
