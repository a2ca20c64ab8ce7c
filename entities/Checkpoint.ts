import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Task } from './Task.js';

/** A resumable snapshot of a running task's state. */
export const Checkpoint = defineEntity({
  name: 'Checkpoint',
  tableName: 'checkpoints',
  uniques: [{ properties: ['task', 'sequenceNumber'] }],
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    task: p.manyToOne(Task).deleteRule('cascade'),
    sequenceNumber: p.integer(),
    label: p.string().length(200),
    state: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type ICheckpoint = InferEntity<typeof Checkpoint>;
