import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Task } from './Task.js';

/** A self-evolution plan proposed by the system; needs approval before it runs. */
export const Plan = defineEntity({
  name: 'Plan',
  tableName: 'plans',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    /** `PLAN-<n>`, numbered by the application from the standalone `plan_number_seq` sequence. */
    planCode: p.string().length(32).nullable().unique(),
    task: p.manyToOne(Task).nullable().deleteRule('set null'),
    title: p.string().length(255),
    goal: p.text(),
    steps: p.json<unknown[]>(),
    createdBy: p.string().length(100).nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IPlan = InferEntity<typeof Plan>;
