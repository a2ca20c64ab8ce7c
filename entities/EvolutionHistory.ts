import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Plan } from './Plan.js';

/** One applied (or rolled back) self-modification. */
export const EvolutionHistory = defineEntity({
  name: 'EvolutionHistory',
  tableName: 'evolution_history',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    plan: p.manyToOne(Plan).nullable().deleteRule('set null'),
    version: p.integer(),
    changeSummary: p.text(),
    diff: p.json<Record<string, unknown>>().nullable(),
    appliedAt: p.datetime().defaultRaw('now()'),
    rolledBack: p.boolean().default(false),
  }),
});

export type IEvolutionHistory = InferEntity<typeof EvolutionHistory>;
