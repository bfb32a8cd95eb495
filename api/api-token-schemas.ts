import { Type } from '@sinclair/typebox'
import { API_ROLES } from '../core/auth/api-tokens.js'
import { IsoTime, literals } from './schemas.js'

/** Request and response shapes of API token administration. */

/** `tok_` and 16 hex digits: what lists and revocations name a token by, never the token itself. */
export const TOKEN_ID_PATTERN = '^tok_[0-9a-f]{16}$'

const TokenId = Type.String({ pattern: TOKEN_ID_PATTERN, description: 'Names the token in lists and revocations; it is not the token', examples: ['tok_3f9a1c0d7e2b4a65'] })
const Role = literals(API_ROLES)
const EngineerId = Type.String({ description: "For a role engineer token: the engineer it speaks for (required then, refused otherwise)", examples: ['ana-li'] })

const RECORD_EXAMPLE = { id: 'tok_3f9a1c0d7e2b4a65', name: 'ana-li phone', role: 'engineer', engineerId: 'ana-li', createdAt: '2026-11-30T08:00:00.000Z', expiresAt: '2027-05-29T08:00:00.000Z', createdBy: 'vigil-admin' }

export const ApiTokenRecordSchema = Type.Object(
  {
    id: TokenId,
    name: Type.String(),
    role: Role,
    engineerId: Type.Optional(Type.String()),
    createdAt: IsoTime,
    expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'Unset: never expires' })),
    createdBy: Type.Optional(Type.String({ description: 'The name of the token that created it' }))
  },
  { $id: 'ApiTokenRecord', description: 'A token as listed: everything but the secret, which is never stored', examples: [RECORD_EXAMPLE] }
)

export const NewApiTokenSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Who or what holds it, to recognise it in the list', examples: ['ana-li phone'] }),
    role: Role,
    engineerId: Type.Optional(Type.String({ ...EngineerId, minLength: 1, maxLength: 63 })),
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 5 * 365 * 86_400, description: 'Lifetime in seconds; unset: until revoked', examples: [15_552_000] }))
  },
  {
    additionalProperties: false,
    examples: [
      { name: 'ana-li phone', role: 'engineer', engineerId: 'ana-li', ttlSeconds: 15_552_000 },
      { name: 'facilities dashboard', role: 'manager' }
    ]
  }
)

export const CreatedApiTokenSchema = Type.Object(
  {
    token: Type.String({ description: 'Send as `Authorization: Bearer <token>`. Shown this once: only its SHA-256 is kept', examples: ['vgl_x3N0bq1Yw8m4Jd2Kp7Rt5Zs9Lc6Hf0Ua1Ve3Gi8Oy2E'] }),
    record: ApiTokenRecordSchema
  },
  { description: 'The new token and its record', examples: [{ token: 'vgl_x3N0bq1Yw8m4Jd2Kp7Rt5Zs9Lc6Hf0Ua1Ve3Gi8Oy2E', record: RECORD_EXAMPLE }] }
)

export const ApiTokenParamsSchema = Type.Object({ id: TokenId })
