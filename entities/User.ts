import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** An operator account. */
export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    email: p.string().length(255).unique(),
    passwordHash: p.string().length(255),
    displayName: p.string().length(100).nullable(),
    isActive: p.boolean().default(true),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    role: p.string().length(32).default('operator'),
    lastLoginAt: p.datetime().nullable(),
  }),
});

export type IUser = InferEntity<typeof User>;
