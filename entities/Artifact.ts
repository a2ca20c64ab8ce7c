import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Task } from './Task.js';

/** Output produced by a task (code, documents, reports). */
export const Artifact = defineEntity({
  name: 'Artifact',
  tableName: 'artifacts',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    task: p.manyToOne(Task).deleteRule('cascade'),
    name: p.string().length(255),
    kind: p.string().length(50),
    content: p.text().nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    checksum: p.string().length(64).nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IArtifact = InferEntity<typeof Artifact>;
