import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { AgentMemory } from './AgentMemory.js';

/** One remembered item. */
export const MemoryEntry = defineEntity({
  name: 'MemoryEntry',
  tableName: 'memory_entries',
  indexes: [{ properties: ['memory', 'createdAt'] }],
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    memory: p.manyToOne(AgentMemory).deleteRule('cascade'),
    content: p.text(),
    embedding: p.json<number[]>().nullable(),
    importance: p.smallint().default(0),
    lastAccessedAt: p.datetime().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IMemoryEntry = InferEntity<typeof MemoryEntry>;
