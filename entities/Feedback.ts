import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Task } from './Task.js';

/** A rating of a task outcome, from a user or an automated judge. */
export const Feedback = defineEntity({
  name: 'Feedback',
  tableName: 'feedback',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    task: p.manyToOne(Task).nullable().deleteRule('set null'),
    rating: p.smallint(),
    comment: p.text().nullable(),
    source: p.string().length(50).default('user'),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IFeedback = InferEntity<typeof Feedback>;
