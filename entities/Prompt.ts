import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** A versioned prompt template. */
export const Prompt = defineEntity({
  name: 'Prompt',
  tableName: 'prompts',
  uniques: [{ properties: ['name', 'version'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    name: p.string().length(150),
    version: p.integer().default(1),
    template: p.text(),
    variables: p.json<string[]>().nullable(),
    isActive: p.boolean().default(true),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IPrompt = InferEntity<typeof Prompt>;
