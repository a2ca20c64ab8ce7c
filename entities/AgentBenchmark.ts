import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** A benchmark suite in the agent gym. */
export const AgentBenchmark = defineEntity({
  name: 'AgentBenchmark',
  tableName: 'agent_benchmarks',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    name: p.string().length(200).unique(),
    description: p.text().nullable(),
    suite: p.json<Record<string, unknown>>(),
    version: p.integer().default(1),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IAgentBenchmark = InferEntity<typeof AgentBenchmark>;
