import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Agent } from './Agent.js';

/** A callable tool agents may use. */
export const Tool = defineEntity({
  name: 'Tool',
  tableName: 'tools',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    name: p.string().length(100).unique(),
    description: p.text(),
    inputSchema: p.json<Record<string, unknown>>(),
    handler: p.string().length(255),
    isEnabled: p.boolean().default(true),
    createdAt: p.datetime().defaultRaw('now()'),
    version: p.string().length(32).default('1.0.0'),
    requiresApproval: p.boolean().default(false),
    timeoutMs: p.integer().default(30000),
    ownerAgent: p.manyToOne(Agent).nullable().deleteRule('set null'),
  }),
});

export type ITool = InferEntity<typeof Tool>;
