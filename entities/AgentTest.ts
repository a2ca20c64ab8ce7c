import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** A gym test case for agents. */
export const AgentTest = defineEntity({
  name: 'AgentTest',
  tableName: 'agent_tests',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    name: p.string().length(200).unique(),
    description: p.text().nullable(),
    category: p.string().length(50).default('general'),
    input: p.json<Record<string, unknown>>(),
    expectedOutput: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IAgentTest = InferEntity<typeof AgentTest>;
