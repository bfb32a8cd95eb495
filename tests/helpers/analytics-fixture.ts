import type { Alert } from '../../core/domain/alert.js'
import type { Engineer } from '../../core/domain/engineer.js'
import type { Equipment, Site } from '../../core/domain/equipment.js'
import type { WorkOrder } from '../../core/domain/work-order.js'
import type { OccupantRequest } from '../../core/occupant/occupant-request.js'

/**
 * November 2026 (30 days = 720 h; the 1st is a Sunday) on site s1, whose answers the analytics
 * tests work out by hand. Pumps p1 and p2 sit in the basement of b1, lift-1 in core A of b2; s2
 * has one pump and nothing happens there. ana and bo are the engineers.
 *
 * | order | equipment | kind, source           | created        | due            | accepted (by)      | started        | resolved       | resolution              | rating |
 * | WO-1  | p1        | corrective, alerts a1 a4 | Nov 2 10:00  | 10:30 (urgent) | 10:20 (ana)        | 11:00          | 12:00          | repaired, first visit   | 5      |
 * | WO-2  | p1        | corrective, alert a2   | Nov 10 08:00   | 10:00 (normal) | 10:30 (ana), late  | 10:45          | 11:00          | no_fault_found, first   | 3      |
 * | WO-3  | p1        | corrective, manual     | Nov 20 00:00   | 02:00          | 00:30 (bo)         | 00:40          | 01:00          | replaced_part, not first | —     |
 * | WO-4  | p2        | corrective, request    | Nov 15 00:00   | Nov 16 00:00 (low) | Nov 15 12:00 (bo) | Nov 15 13:00 | Nov 16 06:00, reopened Nov 16 00:00 | adjusted, first | 4 |
 * | WO-5  | lift-1    | preventive, plan       | Nov 25 00:00   | Nov 26 00:00   | never              |                |                |                         |        |
 * | WO-6  | p1        | corrective, manual     | Oct 31 23:00   | Nov 1 01:00    | Oct 31 23:30 (ana) | Oct 31 23:45   | Nov 1 01:00    | cleaned, first          |        |
 * | WO-7  | p2        | corrective, alert a3   | Nov 28 00:00   | 00:30          | never; cancelled 00:10 (a duplicate) |  |              |                         |        |
 */
export const NOVEMBER = { fromMs: Date.parse('2026-11-01T00:00:00Z'), toMs: Date.parse('2026-12-01T00:00:00Z') }
/** When the numbers are read: every November deadline has passed. */
export const AS_OF_MS = Date.parse('2026-12-05T00:00:00Z')

export const SITES: Site[] = [
  { id: 's1', name: 'Harbour View', timezone: 'UTC' },
  { id: 's2', name: 'Quiet Court', timezone: 'UTC' }
]

export const EQUIPMENT: Equipment[] = [
  { id: 'p1', siteId: 's1', buildingId: 'b1', type: 'pump', name: 'Booster pump 1', location: 'Basement' },
  { id: 'p2', siteId: 's1', buildingId: 'b1', type: 'pump', name: 'Booster pump 2', location: 'Basement' },
  { id: 'lift-1', siteId: 's1', buildingId: 'b2', type: 'elevator', name: 'Passenger lift 1', location: 'Core A' },
  { id: 'q1', siteId: 's2', buildingId: 'q-b1', type: 'pump', name: 'Pump', location: 'Roof' }
]

const at = (day: string, time: string): string => `2026-${day}T${time}:00.000Z`

function workOrder(id: string, equipmentId: string, fields: Partial<WorkOrder> & Pick<WorkOrder, 'createdAt' | 'responseDueAt'>): WorkOrder {
  const equipment = EQUIPMENT.find((item) => item.id === equipmentId)
  return { id, equipmentId, siteId: equipment?.siteId ?? '', buildingId: equipment?.buildingId ?? '', title: id, description: '', priority: 'normal', kind: 'corrective', status: 'resolved', source: { kind: 'manual' }, createdBy: 'test', version: 1, ...fields }
}

export const WORK_ORDERS: WorkOrder[] = [
  workOrder('WO-1', 'p1', {
    source: { kind: 'alert', alertIds: ['a1', 'a4'], ruleIds: ['bearing-overheat'] },
    priority: 'urgent',
    createdAt: at('11-02', '10:00'),
    responseDueAt: at('11-02', '10:30'),
    assigneeId: 'eng-ana',
    responsibleEngineerId: 'eng-ana',
    acceptedAt: at('11-02', '10:20'),
    startedAt: at('11-02', '11:00'),
    resolvedAt: at('11-02', '12:00'),
    resolution: { code: 'repaired', firstVisitFix: true, note: '' },
    rating: { score: 5, comment: '', ratedAt: at('11-03', '09:00') }
  }),
  workOrder('WO-2', 'p1', {
    source: { kind: 'alert', alertIds: ['a2'], ruleIds: ['vibration-rise'] },
    createdAt: at('11-10', '08:00'),
    responseDueAt: at('11-10', '10:00'),
    assigneeId: 'eng-ana',
    responsibleEngineerId: 'eng-ana',
    acceptedAt: at('11-10', '10:30'),
    startedAt: at('11-10', '10:45'),
    resolvedAt: at('11-10', '11:00'),
    resolution: { code: 'no_fault_found', firstVisitFix: true, note: '' },
    rating: { score: 3, comment: '', ratedAt: at('11-11', '09:00') }
  }),
  workOrder('WO-3', 'p1', {
    createdAt: at('11-20', '00:00'),
    responseDueAt: at('11-20', '02:00'),
    assigneeId: 'eng-bo',
    responsibleEngineerId: 'eng-bo',
    acceptedAt: at('11-20', '00:30'),
    startedAt: at('11-20', '00:40'),
    resolvedAt: at('11-20', '01:00'),
    resolution: { code: 'replaced_part', firstVisitFix: false, note: '' }
  }),
  workOrder('WO-4', 'p2', {
    source: { kind: 'request', requestId: 'RQ-000001' },
    priority: 'low',
    createdAt: at('11-15', '00:00'),
    responseDueAt: at('11-16', '00:00'),
    assigneeId: 'eng-bo',
    responsibleEngineerId: 'eng-bo',
    acceptedAt: at('11-15', '12:00'),
    startedAt: at('11-15', '13:00'),
    reopenedAt: at('11-16', '00:00'),
    resolvedAt: at('11-16', '06:00'),
    resolution: { code: 'adjusted', firstVisitFix: true, note: '' },
    rating: { score: 4, comment: '', ratedAt: at('11-17', '09:00') }
  }),
  workOrder('WO-5', 'lift-1', {
    kind: 'preventive',
    source: { kind: 'plan', planId: 'plan-1', occurrence: 1 },
    status: 'open',
    priority: 'low',
    createdAt: at('11-25', '00:00'),
    responseDueAt: at('11-26', '00:00')
  }),
  workOrder('WO-6', 'p1', {
    createdAt: at('10-31', '23:00'),
    responseDueAt: at('11-01', '01:00'),
    assigneeId: 'eng-ana',
    responsibleEngineerId: 'eng-ana',
    acceptedAt: at('10-31', '23:30'),
    startedAt: at('10-31', '23:45'),
    resolvedAt: at('11-01', '01:00'),
    resolution: { code: 'cleaned', firstVisitFix: true, note: '' }
  }),
  workOrder('WO-7', 'p2', {
    source: { kind: 'alert', alertIds: ['a3'], ruleIds: ['bearing-overheat'] },
    status: 'cancelled',
    priority: 'urgent',
    createdAt: at('11-28', '00:00'),
    responseDueAt: at('11-28', '00:30'),
    cancelledAt: at('11-28', '00:10')
  })
]

function alert(id: string, equipmentId: string, ruleId: string, openedAt: string, workOrderId?: string): Alert {
  const equipment = EQUIPMENT.find((item) => item.id === equipmentId)
  return {
    id,
    equipmentId,
    equipmentType: equipment?.type ?? 'pump',
    siteId: equipment?.siteId ?? '',
    buildingId: equipment?.buildingId ?? '',
    ruleId,
    metric: 'm',
    severity: 'warning',
    priority: 'normal',
    status: 'closed',
    openedAt,
    reopens: 0,
    flapping: false,
    explanation: { message: '', value: 0, limit: 0 },
    ...(workOrderId === undefined ? {} : { workOrderId })
  }
}

/** a4 joined WO-1 (named only in its source); a5 opened no work (muted); a6 is October's. */
export const ALERTS: Alert[] = [
  alert('a1', 'p1', 'bearing-overheat', at('11-02', '09:58'), 'WO-1'),
  alert('a2', 'p1', 'vibration-rise', at('11-10', '07:55'), 'WO-2'),
  alert('a3', 'p2', 'bearing-overheat', at('11-28', '00:00'), 'WO-7'),
  alert('a4', 'p1', 'bearing-overheat', at('11-02', '10:05')),
  alert('a5', 'lift-1', 'door-fault', at('11-12', '08:00')),
  alert('a6', 'p1', 'vibration-rise', at('10-30', '08:00'))
]

function feedback(id: string, kind: 'complaint' | 'suggestion', equipmentId: string, createdAt: string, answer?: { at: string; adopted: boolean }): OccupantRequest {
  const equipment = EQUIPMENT.find((item) => item.id === equipmentId)
  return {
    id,
    kind,
    status: answer === undefined ? 'open' : 'answered',
    equipmentId,
    equipmentType: equipment?.type ?? 'pump',
    siteId: equipment?.siteId ?? '',
    buildingId: equipment?.buildingId ?? '',
    description: id,
    createdAt,
    ...(answer === undefined ? {} : { answer: { text: 'thanks', at: answer.at, by: 'mei', adopted: answer.adopted } })
  }
}

/**
 * c1 follows bo's WO-4 on p2 (resolved Nov 16 06:00) by a day; c2 follows bo's WO-3 on p1 (Nov 20
 * 01:00) by a day. Two suggestions at s1 were answered in November, one adopted; sg3 in October.
 */
export const FEEDBACK: OccupantRequest[] = [
  feedback('c1', 'complaint', 'p2', at('11-17', '02:00')),
  feedback('c2', 'complaint', 'p1', at('11-21', '09:00')),
  feedback('sg1', 'suggestion', 'p1', at('11-01', '09:00'), { at: at('11-05', '09:00'), adopted: true }),
  feedback('sg2', 'suggestion', 'lift-1', at('11-02', '09:00'), { at: at('11-08', '09:00'), adopted: false }),
  feedback('sg3', 'suggestion', 'p1', at('10-02', '09:00'), { at: at('10-05', '09:00'), adopted: true })
]

/** bo works weekdays 08:00–16:00; his elevator certificate lasts through November, his fire one ran out on the 15th. ana has no shifts or certificates on record. */
export const ENGINEERS: Engineer[] = [
  { id: 'eng-ana', name: 'ana', contact: {}, skills: ['pump'], certificates: [], shifts: [], sites: [{ siteId: 's1', supervisor: false }] },
  {
    id: 'eng-bo',
    name: 'bo',
    contact: {},
    skills: ['pump', 'elevator'],
    certificates: [
      { equipmentType: 'elevator', number: 'EL-1', expiresAt: '2026-11-30' },
      { equipmentType: 'fire_system', number: 'FS-1', expiresAt: '2026-11-15' }
    ],
    shifts: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '16:00' }],
    sites: [{ siteId: 's1', supervisor: false }]
  }
]
