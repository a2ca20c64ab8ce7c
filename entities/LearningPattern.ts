import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Agent } from './Agent.js';

/** A recurring pattern the system learned from past executions. */
export const LearningPattern = defineEntity({
  name: 'LearningPattern',
  tableName: 'learning_patterns',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    patternKey: p.string().length(200).unique(),
    description: p.text().nullable(),
    pattern: p.json<Record<string, unknown>>(),
    occurrences: p.integer().default(1),
    successRate: p.double().nullable(),
    agent: p.manyToOne(Agent).nullable().deleteRule('set null'),
    firstSeenAt: p.datetime().defaultRaw('now()'),
    lastSeenAt: p.datetime().defaultRaw('now()'),
  }),
});

export type ILearningPattern = InferEntity<typeof LearningPattern>;
