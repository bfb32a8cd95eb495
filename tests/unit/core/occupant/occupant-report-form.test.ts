import { describe, expect, it } from 'vitest'
import { DESCRIPTION_MAX_CHARS, readOccupantReport } from '../../../../core/occupant/occupant-report-form.js'

const form = (fields: Record<string, string>) => new Map(Object.entries(fields))

describe('readOccupantReport', () => {
  it('takes a fault by default, tidying line breaks and spaces', () => {
    expect(readOccupantReport(form({ description: '  The lift stops\r\nbetween 3 and 4  ', contact: ' +86  138 0000 ' }))).toEqual({
      ok: true,
      report: { kind: 'fault', description: 'The lift stops\nbetween 3 and 4', contact: '+86 138 0000' }
    })
  })

  it('takes a complaint or a suggestion without contact details', () => {
    expect(readOccupantReport(form({ kind: 'suggestion', description: 'A bench by the lift please', contact: '   ' }))).toEqual({ ok: true, report: { kind: 'suggestion', description: 'A bench by the lift please' } })
  })

  it('lists every mistake at once, in words for the occupant', () => {
    const reading = readOccupantReport(form({ kind: 'praise', description: ' ', contact: 'x'.repeat(201) }))
    expect(reading).toEqual({
      ok: false,
      errors: [
        { field: 'kind', message: expect.stringMatching(/fault, a complaint or a suggestion/) as unknown },
        { field: 'description', message: expect.stringMatching(/Describe/) as unknown },
        { field: 'contact', message: expect.stringMatching(/200 characters/) as unknown }
      ]
    })
  })

  it('refuses a description over the limit', () => {
    expect(readOccupantReport(form({ description: 'a'.repeat(DESCRIPTION_MAX_CHARS + 1) })).ok).toBe(false)
    expect(readOccupantReport(form({ description: 'a'.repeat(DESCRIPTION_MAX_CHARS) })).ok).toBe(true)
  })

  it('drops control characters that could hide text from staff', () => {
    expect(readOccupantReport(form({ description: 'door\u0000 stuck\u001b[2J' }))).toMatchObject({ report: { description: 'door stuck[2J' } })
  })
})
