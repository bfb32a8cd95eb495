import { describe, expect, it } from 'vitest'
import { AddressLimiter } from '../../../broker/address-limiter.js'

function limiter(limits: Partial<ConstructorParameters<typeof AddressLimiter>[0]> = {}) {
  let now = 1_000_000
  const clock = { advance: (ms: number) => (now += ms) }
  const subject = new AddressLimiter({ connectsPerSecond: 2, connectBurst: 3, failuresBeforeDelay: 3, windowMs: 60_000, ...limits }, () => now)
  return { subject, clock }
}

describe('AddressLimiter', () => {
  it('lets an address open its burst at once, then refills at its rate', () => {
    const { subject, clock } = limiter()
    expect([1, 2, 3, 4].map(() => subject.tryConnect('10.0.0.1'))).toEqual([true, true, true, false])
    expect(subject.tryConnect('10.0.0.2')).toBe(true)
    clock.advance(500)
    expect(subject.tryConnect('10.0.0.1')).toBe(true)
    expect(subject.tryConnect('10.0.0.1')).toBe(false)
  })

  it('slows logins from an address after repeated failures, doubling up to 10 s', () => {
    const { subject } = limiter()
    const delays: number[] = []
    for (let i = 0; i < 10; i++) {
      delays.push(subject.loginDelayMs('10.0.0.9'))
      subject.loginFailed('10.0.0.9')
    }
    expect(delays).toEqual([0, 0, 0, 250, 500, 1000, 2000, 4000, 8000, 10_000])
    expect(subject.loginDelayMs('10.0.0.10')).toBe(0)
  })

  it('forgets failures after a success, and after the window', () => {
    const { subject, clock } = limiter()
    for (let i = 0; i < 5; i++) subject.loginFailed('a')
    expect(subject.loginDelayMs('a')).toBeGreaterThan(0)
    subject.loginSucceeded('a')
    expect(subject.loginDelayMs('a')).toBe(0)
    for (let i = 0; i < 5; i++) subject.loginFailed('b')
    clock.advance(60_001)
    expect(subject.loginDelayMs('b')).toBe(0)
  })

  it('keeps memory bounded: idle addresses are swept after the window', () => {
    const { subject, clock } = limiter()
    for (let i = 0; i < 100; i++) subject.tryConnect(`10.0.${i}.1`)
    expect(subject.size).toBe(100)
    clock.advance(60_001)
    subject.tryConnect('10.9.9.9')
    expect(subject.size).toBe(1)
  })
})
