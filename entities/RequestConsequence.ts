import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { RequestLog } from './RequestLog.js';

/** A side effect a request caused (row written, task spawned, ...). */
export const RequestConsequence = defineEntity({
  name: 'RequestConsequence',
  tableName: 'request_consequences',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    requestLog: p.manyToOne(RequestLog).deleteRule('cascade'),
    consequenceType: p.string().length(50),
    targetTable: p.string().length(100).nullable(),
    targetId: p.string().length(64).nullable(),
    details: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IRequestConsequence = InferEntity<typeof RequestConsequence>;
