import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Agent } from './Agent.js';

/** An A/B experiment on an agent's configuration. */
export const AgentExperiment = defineEntity({
  name: 'AgentExperiment',
  tableName: 'agent_experiments',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    agent: p.manyToOne(Agent).deleteRule('cascade'),
    name: p.string().length(200),
    hypothesis: p.text().nullable(),
    variantConfig: p.json<Record<string, unknown>>(),
    status: p.string().length(20).default('draft'),
    startedAt: p.datetime().nullable(),
    endedAt: p.datetime().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IAgentExperiment = InferEntity<typeof AgentExperiment>;
