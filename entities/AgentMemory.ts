import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Agent } from './Agent.js';

/** A named memory store owned by an agent. */
export const AgentMemory = defineEntity({
  name: 'AgentMemory',
  tableName: 'agent_memories',
  uniques: [{ properties: ['agent', 'name'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    agent: p.manyToOne(Agent).deleteRule('cascade'),
    name: p.string().length(100),
    memoryType: p.string().length(30).default('episodic'),
    capacity: p.integer().default(1000),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IAgentMemory = InferEntity<typeof AgentMemory>;
