import { describe, expect, it } from 'vitest'
import type { OccupantRequest } from '../../../../core/occupant/occupant-request.js'
import { occupantWorkOrderText } from '../../../../core/occupant/occupant-work-order.js'

const REQUEST: OccupantRequest = {
  id: 'RQ-000012',
  kind: 'fault',
  status: 'open',
  equipmentId: 'hv-a-lift-1',
  equipmentType: 'elevator',
  siteId: 'hv',
  buildingId: 'hv-a',
  description: '\nThe lift stops between floors 3 and 4\nand the doors stay shut',
  createdAt: '2026-11-30T08:00:00.000Z'
}

describe('occupantWorkOrderText', () => {
  it("titles the work order with the equipment and the occupant's first line, and links back to the request", () => {
    const text = occupantWorkOrderText(REQUEST, 'Lift A1', 'https://vigil.example/api/v1/requests/RQ-000012')
    expect(text.title).toBe('Occupant report, Lift A1: The lift stops between floors 3 and 4')
    expect(text.description).toBe(`${REQUEST.description}\n\nReported by an occupant on the equipment's QR page: request RQ-000012, https://vigil.example/api/v1/requests/RQ-000012`)
  })

  it('shortens a long first line and says a photo and contact details are on the request, without copying them', () => {
    const request: OccupantRequest = {
      ...REQUEST,
      description: 'x'.repeat(300),
      contact: '+86 138 0000 0000',
      photo: { id: 'ph_0123456789abcdef0123456789abcdef', contentType: 'image/png', bytes: 68, uploadedAt: REQUEST.createdAt, uploadedBy: 'occupant (request RQ-000012)' }
    }
    const text = occupantWorkOrderText(request, 'Lift A1', '/api/v1/requests/RQ-000012')
    expect(text.title).toBe(`Occupant report, Lift A1: ${'x'.repeat(79)}…`)
    expect(text.description).toContain('(with a photo, with contact details)')
    expect(text.description).not.toContain('+86')
  })
})
