import { describe, expect, it } from 'vitest'
import { ProblemError } from '../../../api/problem.js'
import { resolveTrendWindow } from '../../../api/trend-window.js'

const NOW = Date.parse('2026-11-30T12:00:00Z')

describe('resolveTrendWindow', () => {
  it('defaults to the last hour in 15 s buckets (at most ~300 points)', () => {
    expect(resolveTrendWindow({}, NOW)).toEqual({ fromMs: NOW - 3_600_000, toMs: NOW, everyMs: 15_000 })
  })

  it('takes ISO-8601 and epoch milliseconds, and picks a round bucket for a day', () => {
    const window = resolveTrendWindow({ from: '2026-11-29T12:00:00Z', to: String(NOW) }, NOW)
    expect(window).toEqual({ fromMs: NOW - 86_400_000, toMs: NOW, everyMs: 300_000 })
  })

  it('honours an explicit bucket width', () => {
    expect(resolveTrendWindow({ every: '1m' }, NOW).everyMs).toBe(60_000)
  })

  it.each([
    [{ from: 'yesterday' }, 'querystring.from'],
    [{ from: String(NOW), to: String(NOW - 1) }, 'querystring.from'],
    [{ every: '1ms', from: '2026-01-01T00:00:00Z' }, 'querystring.every']
  ])('refuses %j naming %s', (query, field) => {
    try {
      resolveTrendWindow(query, NOW)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError)
      expect((error as ProblemError).problem.errors?.[0]?.field).toBe(field)
    }
  })
})
