import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { OllamaServer } from './OllamaServer.js';

/** A model pulled onto an Ollama server. */
export const OllamaModel = defineEntity({
  name: 'OllamaModel',
  tableName: 'ollama_models',
  uniques: [{ properties: ['server', 'name'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    server: p.manyToOne(OllamaServer).deleteRule('cascade'),
    name: p.string().length(200),
    family: p.string().length(100).nullable(),
    parameterSize: p.string().length(32).nullable(),
    contextLength: p.integer().default(4096),
    isAvailable: p.boolean().default(true),
    pulledAt: p.datetime().nullable(),
  }),
});

export type IOllamaModel = InferEntity<typeof OllamaModel>;
