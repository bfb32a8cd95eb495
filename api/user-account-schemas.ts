import { Type } from '@sinclair/typebox'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USERNAME_PATTERN, USER_ROLES } from '../core/auth/user-accounts.js'
import { PrincipalSchema } from './routes/me.routes.js'
import { IsoTime, literals } from './schemas.js'

/** Request and response shapes of password sign-in and user account administration. */

const Username = Type.String({ pattern: USERNAME_PATTERN, description: "Lowercase letters, digits, '.', '_' and '-'; 2 to 64 characters", examples: ['mei.chen'] })
const NewPassword = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: `At least ${PASSWORD_MIN_LENGTH} characters; kept only as a salted scrypt hash`,
  examples: ['pump-room-lantern-42']
})

const ACCOUNT_EXAMPLE = { username: 'ana.li', name: 'Ana Li', role: 'engineer', engineerId: 'ana-li', createdAt: '2026-11-30T08:00:00.000Z', createdBy: 'quickstart' }

export const SignInSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, description: 'Not case-sensitive', examples: ['mei.chen'] }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH, examples: ['pump-room-lantern-42'] })
  },
  { additionalProperties: false, examples: [{ username: 'mei.chen', password: 'pump-room-lantern-42' }] }
)

export const SessionSchema = Type.Object(
  {
    token: Type.String({ description: 'An API token: send as `Authorization: Bearer <token>`. Shown this once', examples: ['vgl_x3N0bq1Yw8m4Jd2Kp7Rt5Zs9Lc6Hf0Ua1Ve3Gi8Oy2E'] }),
    expiresAt: IsoTime,
    principal: PrincipalSchema
  },
  { examples: [{ token: 'vgl_x3N0bq1Yw8m4Jd2Kp7Rt5Zs9Lc6Hf0Ua1Ve3Gi8Oy2E', expiresAt: '2026-11-30T20:00:00.000Z', principal: { name: 'Mei Chen', role: 'manager' } }] }
)

export const UserAccountSchema = Type.Object(
  {
    username: Type.String(),
    name: Type.String(),
    role: literals(USER_ROLES),
    engineerId: Type.Optional(Type.String()),
    createdAt: IsoTime,
    createdBy: Type.Optional(Type.String({ description: 'Who created it (the name of their token)' })),
    disabledAt: Type.Optional(Type.String({ format: 'date-time', description: 'Set: the account may not sign in' }))
  },
  { $id: 'UserAccount', description: 'An account as listed: never its password or hash', examples: [ACCOUNT_EXAMPLE] }
)

export const NewUserAccountSchema = Type.Object(
  {
    username: Username,
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Shown in the web app', examples: ['Mei Chen'] }),
    role: literals(USER_ROLES),
    engineerId: Type.Optional(Type.String({ minLength: 1, maxLength: 63, description: 'For role engineer: the engineer the account signs in as (required then, refused otherwise)', examples: ['ana-li'] })),
    password: NewPassword
  },
  {
    additionalProperties: false,
    examples: [
      { username: 'mei.chen', name: 'Mei Chen', role: 'manager', password: 'pump-room-lantern-42' },
      { username: 'ana.li', name: 'Ana Li', role: 'engineer', engineerId: 'ana-li', password: 'night-shift-ladder-7' }
    ]
  }
)

export const NewPasswordSchema = Type.Object({ password: NewPassword }, { additionalProperties: false, examples: [{ password: 'pump-room-lantern-43' }] })

export const UserAccountChangeSchema = Type.Object(
  { disabled: Type.Boolean({ description: 'true: the account may not sign in and its sessions end; false: it may again' }) },
  { additionalProperties: false, examples: [{ disabled: true }] }
)

export const UsernameParamsSchema = Type.Object({ username: Username })
