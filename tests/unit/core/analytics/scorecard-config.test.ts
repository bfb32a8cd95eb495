import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORECARD, ScorecardFileError, overrideWeights, parseScorecardConfig } from '../../../../core/analytics/scorecard-config.js'
import { projectRoot } from '../../../../core/project-root.js'

describe('the scorecard file', () => {
  it('ships config/scorecard.yaml equal to the built-in default', async () => {
    const file = path.join(projectRoot(), 'config', 'scorecard.yaml')
    expect(parseScorecardConfig(await readFile(file, 'utf8'), 'config/scorecard.yaml')).toEqual(DEFAULT_SCORECARD)
  })

  it('names the file and every bad field', () => {
    const text = 'dimensions:\n  service_quality:\n    title: Service\n    weight: lots\n    measures: [response_in_deadline, charm]\ntargets:\n  completionHours: 8\n  shiftShareOnWorkOrders: 0.6\n  complaintDays: 14\n'
    const error = (() => {
      try {
        parseScorecardConfig(text, 'ops/scorecard.yaml')
      } catch (caught) {
        return caught as ScorecardFileError
      }
      throw new Error('accepted a bad file')
    })()
    expect(error).toBeInstanceOf(ScorecardFileError)
    expect(error.message).toContain('ops/scorecard.yaml')
    expect(error.problems.join('\n')).toContain('dimensions.service_quality.weight')
    expect(error.problems.join('\n')).toContain('dimensions.service_quality.measures.1')
  })

  it('refuses weights that are all zero', () => {
    expect(() => parseScorecardConfig('dimensions:\n  a:\n    title: A\n    weight: 0\n    measures: [rating]\ntargets: {completionHours: 8, shiftShareOnWorkOrders: 0.6, complaintDays: 14}\n', 'x.yaml')).toThrow(/at least one weight/)
  })
})

describe('overriding weights for one request', () => {
  it('changes the named dimensions and keeps the rest', () => {
    const overridden = overrideWeights(DEFAULT_SCORECARD, 'service_quality:40, efficiency=20')
    if (typeof overridden === 'string') throw new Error(overridden)
    expect(Object.fromEntries(Object.entries(overridden.dimensions).map(([id, dimension]) => [id, dimension.weight]))).toEqual({ service_quality: 40, efficiency: 20, safety_compliance: 20, communication: 15, improvement: 10 })
    expect(DEFAULT_SCORECARD.dimensions.service_quality?.weight).toBe(30)
  })

  it('says what is wrong with a bad override', () => {
    expect(overrideWeights(DEFAULT_SCORECARD, 'charm:50')).toMatch(/no dimension charm; the dimensions are service_quality/)
    expect(overrideWeights(DEFAULT_SCORECARD, 'service_quality')).toMatch(/is not dimension:weight/)
  })
})
