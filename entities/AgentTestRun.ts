import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Agent } from './Agent.js';
import { AgentTest } from './AgentTest.js';

/** One execution of a gym test by an agent. */
export const AgentTestRun = defineEntity({
  name: 'AgentTestRun',
  tableName: 'agent_test_runs',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    test: p.manyToOne(AgentTest).deleteRule('cascade'),
    agent: p.manyToOne(Agent).deleteRule('cascade'),
    passed: p.boolean(),
    score: p.double().nullable(),
    output: p.json<Record<string, unknown>>().nullable(),
    durationMs: p.integer().nullable(),
    runAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IAgentTestRun = InferEntity<typeof AgentTestRun>;
