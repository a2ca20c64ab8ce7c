import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Artifact } from './Artifact.js';

/** Directed edge: `artifact` depends on `dependsOn`. */
export const ArtifactDependency = defineEntity({
  name: 'ArtifactDependency',
  tableName: 'artifact_dependencies',
  uniques: [{ properties: ['artifact', 'dependsOn'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    artifact: p.manyToOne(Artifact).deleteRule('cascade'),
    dependsOn: p.manyToOne(Artifact).deleteRule('cascade'),
    dependencyType: p.string().length(32).default('requires'),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IArtifactDependency = InferEntity<typeof ArtifactDependency>;
