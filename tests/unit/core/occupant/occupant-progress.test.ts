import { describe, expect, it } from 'vitest'
import { occupantProgress, statusSummary } from '../../../../core/occupant/occupant-progress.js'
import type { ProgressEntry } from '../../../../core/occupant/occupant-progress.js'

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 8, minute)).toISOString()

describe('occupantProgress', () => {
  it('shows the creation and every change of status, in words, and nothing else', () => {
    const entries: ProgressEntry[] = [
      { at: at(0), action: 'create', from: 'open', to: 'open' },
      { at: at(1), action: 'assign', from: 'open', to: 'assigned' },
      { at: at(2), action: 'note', from: 'assigned', to: 'assigned' },
      { at: at(3), action: 'decline', from: 'assigned', to: 'open' },
      { at: at(4), action: 'assign', from: 'open', to: 'assigned' },
      { at: at(5), action: 'accept', from: 'assigned', to: 'accepted' },
      { at: at(6), action: 'photo', from: 'accepted', to: 'accepted' },
      { at: at(7), action: 'check_in', from: 'accepted', to: 'in_progress' },
      { at: at(8), action: 'resolve', from: 'in_progress', to: 'resolved' }
    ]
    expect(occupantProgress(entries).map((step) => `${step.at.slice(14, 16)} ${step.status}: ${step.label}`)).toEqual([
      '00 open: Reported; waiting for an engineer',
      '01 assigned: An engineer has been assigned',
      '03 open: Being passed to another engineer',
      '04 assigned: An engineer has been assigned',
      '05 accepted: An engineer accepted the job',
      '07 in_progress: The engineer arrived and started work',
      '08 resolved: The engineer reports it fixed'
    ])
    // What the occupant pages word in the occupant's language: the status reached, or the engineer arriving or passing it on.
    expect(occupantProgress(entries).map((step) => step.event)).toEqual(['open', 'assigned', 'decline', 'assigned', 'accepted', 'check_in', 'resolved'])
  })

  it('never carries who did it or their notes', () => {
    const steps = occupantProgress([{ at: at(0), action: 'create', from: 'open', to: 'open', by: 'mei (manager)', note: 'internal' } as ProgressEntry])
    expect(JSON.stringify(steps)).not.toMatch(/mei|internal/)
  })

  it('sums a status up in a few words', () => {
    expect(statusSummary('accepted')).toBe('An engineer is on the way')
    expect(statusSummary('resolved')).toBe('Fixed')
  })
})
