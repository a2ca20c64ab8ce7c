import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** An Ollama inference host the orchestrator can route requests to. */
export const OllamaServer = defineEntity({
  name: 'OllamaServer',
  tableName: 'ollama_servers',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    name: p.string().length(100).unique(),
    baseUrl: p.string().length(512),
    isActive: p.boolean().default(true),
    maxConcurrency: p.integer().default(2),
    lastSeenAt: p.datetime().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IOllamaServer = InferEntity<typeof OllamaServer>;
