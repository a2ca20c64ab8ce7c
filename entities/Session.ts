import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from './User.js';

/** A login session. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    user: p.manyToOne(User).deleteRule('cascade'),
    tokenHash: p.string().length(128).unique(),
    ipAddress: p.string().length(45).nullable(),
    userAgent: p.text().nullable(),
    expiresAt: p.datetime().index(),
    createdAt: p.datetime().defaultRaw('now()'),
    revokedAt: p.datetime().nullable(),
  }),
});

export type ISession = InferEntity<typeof Session>;
