import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { AgentExperiment } from './AgentExperiment.js';

/** A metric recorded for an experiment. */
export const ExperimentResult = defineEntity({
  name: 'ExperimentResult',
  tableName: 'experiment_results',
  indexes: [{ properties: ['experiment', 'metricName'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    experiment: p.manyToOne(AgentExperiment).deleteRule('cascade'),
    metricName: p.string().length(100),
    metricValue: p.double(),
    sampleSize: p.integer().default(1),
    notes: p.text().nullable(),
    recordedAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IExperimentResult = InferEntity<typeof ExperimentResult>;
