import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** An HTTP request received by the orchestrator API. */
export const RequestLog = defineEntity({
  name: 'RequestLog',
  tableName: 'request_logs',
  indexes: [{ properties: ['path', 'createdAt'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    method: p.string().length(10),
    path: p.string().length(1024),
    statusCode: p.integer(),
    durationMs: p.integer().nullable(),
    userAgent: p.string().length(512).nullable(),
    ipAddress: p.string().length(45).nullable(),
    correlationId: p.string().length(64).nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IRequestLog = InferEntity<typeof RequestLog>;
