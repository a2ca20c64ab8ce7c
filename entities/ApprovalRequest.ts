import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Plan } from './Plan.js';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;

/** Human-in-the-loop approval for a plan. */
export const ApprovalRequest = defineEntity({
  name: 'ApprovalRequest',
  tableName: 'approval_requests',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    plan: p.manyToOne(Plan).deleteRule('cascade'),
    status: p.enum([...APPROVAL_STATUSES]).nativeEnumName('approval_status').default('pending').index(),
    requestedBy: p.string().length(100),
    reviewer: p.string().length(100).nullable(),
    comment: p.text().nullable(),
    requestedAt: p.datetime().defaultRaw('now()'),
    decidedAt: p.datetime().nullable(),
  }),
});

export type IApprovalRequest = InferEntity<typeof ApprovalRequest>;
