import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { MemoryEntry } from './MemoryEntry.js';

/** A typed link between two memory entries. */
export const MemoryAssociation = defineEntity({
  name: 'MemoryAssociation',
  tableName: 'memory_associations',
  uniques: [{ properties: ['sourceEntry', 'targetEntry', 'relation'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    sourceEntry: p.manyToOne(MemoryEntry).deleteRule('cascade'),
    targetEntry: p.manyToOne(MemoryEntry).deleteRule('cascade'),
    relation: p.string().length(50),
    strength: p.double().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IMemoryAssociation = InferEntity<typeof MemoryAssociation>;
