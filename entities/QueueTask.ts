import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Task } from './Task.js';
import { TaskQueue } from './TaskQueue.js';

/** Membership of a task in a queue. */
export const QueueTask = defineEntity({
  name: 'QueueTask',
  tableName: 'queue_tasks',
  uniques: [{ properties: ['queue', 'task'] }],
  indexes: [{ properties: ['queue', 'position'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    queue: p.manyToOne(TaskQueue).deleteRule('cascade'),
    task: p.manyToOne(Task).deleteRule('cascade'),
    position: p.integer().default(0),
    attempts: p.integer().default(0),
    enqueuedAt: p.datetime().defaultRaw('now()'),
    dequeuedAt: p.datetime().nullable(),
  }),
});

export type IQueueTask = InferEntity<typeof QueueTask>;
