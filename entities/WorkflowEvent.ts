import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Task } from './Task.js';

/** An event on the orchestrator's workflow bus. */
export const WorkflowEvent = defineEntity({
  name: 'WorkflowEvent',
  tableName: 'workflow_events',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    task: p.manyToOne(Task).nullable().deleteRule('set null'),
    eventType: p.string().length(100).index(),
    source: p.string().length(100).default('orchestrator'),
    payload: p.json<Record<string, unknown>>(),
    occurredAt: p.datetime().defaultRaw('now()').index(),
  }),
});

export type IWorkflowEvent = InferEntity<typeof WorkflowEvent>;
