import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Task } from './Task.js';

/** One span of an execution trace (OpenTelemetry-like). */
export const ExecutionTrace = defineEntity({
  name: 'ExecutionTrace',
  tableName: 'execution_traces',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    task: p.manyToOne(Task).deleteRule('cascade'),
    spanName: p.string().length(200),
    parentSpanId: p.uuid().nullable(),
    status: p.string().length(20).default('ok'),
    attributes: p.json<Record<string, unknown>>().nullable(),
    durationMs: p.integer().nullable(),
    startedAt: p.datetime(),
    endedAt: p.datetime().nullable(),
  }),
});

export type IExecutionTrace = InferEntity<typeof ExecutionTrace>;
