import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** A named work queue. */
export const TaskQueue = defineEntity({
  name: 'TaskQueue',
  tableName: 'task_queues',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    name: p.string().length(100).unique(),
    description: p.text().nullable(),
    maxConcurrency: p.integer().default(1),
    isPaused: p.boolean().default(false),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type ITaskQueue = InferEntity<typeof TaskQueue>;
