import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ChatSession } from './ChatSession.js';

export const CHAT_ROLES = ['system', 'user', 'assistant', 'tool'] as const;

/** One message of a chat session. */
export const ChatMessage = defineEntity({
  name: 'ChatMessage',
  tableName: 'chat_messages',
  indexes: [{ properties: ['session', 'createdAt'] }],
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    session: p.manyToOne(ChatSession).deleteRule('cascade'),
    role: p.enum([...CHAT_ROLES]).nativeEnumName('chat_role'),
    content: p.text(),
    tokenCount: p.integer().nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  }),
});

export type IChatMessage = InferEntity<typeof ChatMessage>;
