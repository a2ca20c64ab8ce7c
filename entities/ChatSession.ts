import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Agent } from './Agent.js';
import { User } from './User.js';

/** A conversation between a user and an agent. */
export const ChatSession = defineEntity({
  name: 'ChatSession',
  tableName: 'chat_sessions',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    user: p.manyToOne(User).nullable().deleteRule('set null'),
    agent: p.manyToOne(Agent).nullable().deleteRule('set null'),
    title: p.string().length(255).nullable(),
    archived: p.boolean().default(false),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IChatSession = InferEntity<typeof ChatSession>;
