import { defineEntity, type InferEntity } from '@mikro-orm/core';

export const TASK_STATUSES = ['pending', 'queued', 'running', 'completed', 'failed', 'cancelled', 'paused'] as const;

/** A unit of work the orchestrator hands to agents. */
export const Task = defineEntity({
  name: 'Task',
  tableName: 'tasks',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    title: p.string().length(255),
    description: p.text().nullable(),
    status: p.enum([...TASK_STATUSES]).nativeEnumName('task_status').default('pending').index(),
    priority: p.integer().default(0),
    payload: p.json<Record<string, unknown>>().nullable(),
    result: p.json<Record<string, unknown>>().nullable(),
    errorMessage: p.text().nullable(),
    createdAt: p.datetime().defaultRaw('now()').index(),
    updatedAt: p.datetime().defaultRaw('now()'),
    completedAt: p.datetime().nullable(),
  }),
});

export type ITask = InferEntity<typeof Task>;
