import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Agent } from './Agent.js';
import { AgentBenchmark } from './AgentBenchmark.js';

/** One run of a benchmark suite by an agent. */
export const AgentBenchmarkRun = defineEntity({
  name: 'AgentBenchmarkRun',
  tableName: 'agent_benchmark_runs',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    benchmark: p.manyToOne(AgentBenchmark).deleteRule('cascade'),
    agent: p.manyToOne(Agent).deleteRule('cascade'),
    totalScore: p.double().nullable(),
    results: p.json<Record<string, unknown>>().nullable(),
    startedAt: p.datetime().defaultRaw('now()'),
    finishedAt: p.datetime().nullable(),
  }),
});

export type IAgentBenchmarkRun = InferEntity<typeof AgentBenchmarkRun>;
