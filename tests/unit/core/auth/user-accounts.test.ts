import { describe, expect, it } from 'vitest'
import { newAccountProblem, principalOf } from '../../../../core/auth/user-accounts.js'
import type { NewUserAccount } from '../../../../core/auth/user-accounts.js'

const MANAGER: NewUserAccount = { username: 'mei.chen', name: 'Mei Chen', role: 'manager', password: 'pump-room-lantern-42' }
const engineers = new Set(['ana-li'])
const problemOf = (account: NewUserAccount) => newAccountProblem(account, (id) => Promise.resolve(engineers.has(id)))

describe('what a new user account must be', () => {
  it('accepts a manager, and an engineer who exists', async () => {
    expect(await problemOf(MANAGER)).toBeUndefined()
    expect(await problemOf({ ...MANAGER, username: 'ana_li-2', role: 'engineer', engineerId: 'ana-li' })).toBeUndefined()
  })

  it('names the field: a username not lowercase or too short, a short password, a service role', async () => {
    expect(await problemOf({ ...MANAGER, username: 'Mei' })).toMatchObject({ field: 'username' })
    expect(await problemOf({ ...MANAGER, username: 'm' })).toMatchObject({ field: 'username' })
    expect(await problemOf({ ...MANAGER, username: '.mei' })).toMatchObject({ field: 'username' })
    expect(await problemOf({ ...MANAGER, password: 'short-11chr' })).toEqual({ field: 'password', message: 'must be at least 12 characters' })
    expect(await problemOf({ ...MANAGER, role: 'service' as never })).toMatchObject({ field: 'role' })
  })

  it('binds engineer accounts, and only them, to an engineer who exists', async () => {
    expect(await problemOf({ ...MANAGER, role: 'engineer' })).toMatchObject({ field: 'engineerId', message: expect.stringContaining('must name its engineer') as unknown })
    expect(await problemOf({ ...MANAGER, role: 'engineer', engineerId: 'nobody' })).toMatchObject({ field: 'engineerId', message: expect.stringContaining('nobody does not exist') as unknown })
    expect(await problemOf({ ...MANAGER, engineerId: 'ana-li' })).toMatchObject({ field: 'engineerId', message: expect.stringContaining('only role engineer') as unknown })
  })

  it('signs in as its display name and role, with the engineer id for engineers only', () => {
    expect(principalOf({ username: 'mei.chen', name: 'Mei Chen', role: 'manager', createdAt: '2026-11-30T08:00:00.000Z' })).toEqual({ name: 'Mei Chen', role: 'manager' })
    expect(principalOf({ username: 'ana.li', name: 'Ana Li', role: 'engineer', engineerId: 'ana-li', createdAt: '2026-11-30T08:00:00.000Z' })).toEqual({ name: 'Ana Li', role: 'engineer', engineerId: 'ana-li' })
  })
})
