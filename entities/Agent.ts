import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { OllamaModel } from './OllamaModel.js';

/** An autonomous agent, backed by an Ollama model. */
export const Agent = defineEntity({
  name: 'Agent',
  tableName: 'agents',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    name: p.string().length(100).unique(),
    description: p.text().nullable(),
    model: p.manyToOne(OllamaModel).nullable().deleteRule('set null'),
    systemPrompt: p.text().nullable(),
    config: p.json<Record<string, unknown>>().nullable(),
    isEnabled: p.boolean().default(true),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IAgent = InferEntity<typeof Agent>;
