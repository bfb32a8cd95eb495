import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { alertEventLine } from '../../../core/alerts/alert-event-log.js'
import { AlertStore } from '../../../core/alerts/alert-store.js'
import { alertEvent } from '../../../core/domain/alert.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import type { Equipment } from '../../../core/domain/equipment.js'
import { occupantKeys } from '../../../core/occupant/occupant-keys.js'
import { OccupantRequestStore } from '../../../core/occupant/occupant-request-store.js'
import { EngineerStore } from '../../../core/registry/engineer-store.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { engineer, registerTeam } from '../../helpers/team-fixture.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testInflux, testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const PUMP_2: Equipment = { ...PUMP, id: 'p2', name: 'Booster pump 2' }
const LIFT: Equipment = { id: 'lift-1', siteId: PUMP.siteId, buildingId: 'b2', type: 'elevator', name: 'Passenger lift 1', location: 'Core A' }
const at = (text: string): number => Date.parse(`2026-${text}:00Z`)

/**
 * November 2026 (720 h) through the API, as the people would do it:
 *
 * | order | equipment | source                     | created      | due (priority)  | accepted       | started | resolved | how                     |
 * | A     | p1        | alert (bearing-overheat)   | Nov 2 10:00  | 10:30 (urgent)  | 10:20 ana      | 11:00   | 12:00    | repaired, first visit   |
 * | B     | p1        | alert (vibration-rise)     | Nov 10 08:00 | 10:00 (normal)  | 10:30 ana late | 10:45   | 11:00    | no_fault_found, first   |
 * | C     | p1        | manual                     | Nov 20 00:00 | 02:00 (normal)  | 00:30 bo       | 00:40   | 01:00    | replaced_part, not first |
 *
 * and an alert on the lift (door-fault) that opened no work order. Read on Dec 5.
 */
describe('a month of KPIs, hot spots and scorecards through the API on real Redis', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let now = at('11-01T00:00')
  let alerts: AlertStore
  let requests: OccupantRequestStore
  const token: Record<string, string> = {}

  beforeAll(async () => {
    redis = testRedis()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    await registerPump(registry, PUMP_2, 'p2-gw')
    await registry.putBuilding({ id: 'b2', siteId: PUMP.siteId, name: 'Building 2' })
    await registerPump(registry, LIFT, 'lift-1-gw')
    await registerTeam(new EngineerStore(redis.redis, redis.keys), [engineer('eng-ana', PUMP.siteId), engineer('eng-bo', PUMP.siteId)])
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    token.manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    token.ana = await tokens.issue({ name: 'ana (engineer)', role: 'engineer', engineerId: 'eng-ana' })
    token.bo = await tokens.issue({ name: 'bo (engineer)', role: 'engineer', engineerId: 'eng-bo' })
    token.service = await tokens.issue({ name: 'rules', role: 'service' })
    alerts = new AlertStore(redis.redis, redis.keys)
    requests = new OccupantRequestStore(redis.redis, occupantKeys(redis.keys.prefix))
    // Assignments are the manager's here, so each order goes to the engineer the table says.
    // This file's own InfluxDB database: the alert events below are the only ones in it.
    const influx = await testInflux()
    app = await buildApp(await testApiDeps(redis, { registry, tokens, alerts, influx, autoDispatch: false, now: () => now }))

    const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
      const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token[who] ?? ''}` }, ...(payload === undefined ? {} : { payload }) })
      if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`)
      return response.json<{ id: string }>()
    }
    const alertOn = async (equipment: Equipment, ruleId: string, openedAt: number) => {
      const opened = await alerts.open({ equipmentId: equipment.id, equipmentType: equipment.type, siteId: equipment.siteId, buildingId: equipment.buildingId, ruleId, metric: 'm', severity: 'warning', priority: 'normal', openedAt: new Date(openedAt).toISOString(), explanation: { message: ruleId, value: 1, limit: 0 } })
      if (opened === undefined) throw new Error(`alert ${ruleId} on ${equipment.id} did not open`)
      // What the rules engine's forwarder writes for it: analytics counts alerts from InfluxDB.
      await influx.writeLines([alertEventLine(alertEvent(opened, 'opened', opened.openedAt, ruleId))])
      return opened
    }
    const repair = async (steps: { created: number; source?: { alertId: string; ruleId: string }; priority: string; engineer: 'ana' | 'bo'; accepted: number; started: number; resolved: number; code: string; firstVisitFix: boolean }) => {
      now = steps.created
      const created = await call('manager', 'POST', '/api/v1/work-orders', { equipmentId: PUMP.id, title: 'Pump fault', priority: steps.priority, ...(steps.source === undefined ? {} : { source: { kind: 'alert', ...steps.source } }) })
      if (steps.source !== undefined) await alerts.linkWorkOrder(steps.source.alertId, created.id)
      await call('manager', 'POST', `/api/v1/work-orders/${created.id}/assign`, { engineerId: `eng-${steps.engineer}` })
      now = steps.accepted
      await call(steps.engineer, 'POST', `/api/v1/work-orders/${created.id}/accept`, {})
      now = steps.started
      await call(steps.engineer, 'POST', `/api/v1/work-orders/${created.id}/start`, {})
      now = steps.resolved
      await call(steps.engineer, 'POST', `/api/v1/work-orders/${created.id}/resolve`, { code: steps.code, firstVisitFix: steps.firstVisitFix, note: 'done' })
    }

    const bearing = await alertOn(PUMP, 'bearing-overheat', at('11-02T09:58'))
    await repair({ created: at('11-02T10:00'), source: { alertId: bearing.id, ruleId: 'bearing-overheat' }, priority: 'urgent', engineer: 'ana', accepted: at('11-02T10:20'), started: at('11-02T11:00'), resolved: at('11-02T12:00'), code: 'repaired', firstVisitFix: true })
    const vibration = await alertOn(PUMP, 'vibration-rise', at('11-10T07:55'))
    await repair({ created: at('11-10T08:00'), source: { alertId: vibration.id, ruleId: 'vibration-rise' }, priority: 'normal', engineer: 'ana', accepted: at('11-10T10:30'), started: at('11-10T10:45'), resolved: at('11-10T11:00'), code: 'no_fault_found', firstVisitFix: true })
    await repair({ created: at('11-20T00:00'), priority: 'normal', engineer: 'bo', accepted: at('11-20T00:30'), started: at('11-20T00:40'), resolved: at('11-20T01:00'), code: 'replaced_part', firstVisitFix: false })
    await alertOn(LIFT, 'door-fault', at('11-12T08:00'))
    now = at('12-05T00:00')
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  const get = async (who: string, url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token[who] ?? ''}` } })
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() }
  }

  it("reads November's KPIs per site, per engineer and MTBF per equipment", async () => {
    const { status, body } = await get('manager', '/api/v1/analytics/kpis?month=2026-11')
    expect(status).toBe(200)
    // Deadlines: A met, B missed, C met = 2 of 3. First-time fixes: A, B yes; C no = 2 of 3.
    // MTTA = (20 min + 2 h 30 + 30 min) / 3 = 3 h 20 / 3 = 1.11 h. MTTR = (2 h + 3 h + 1 h) / 3 = 2 h.
    const overall = { created: 3, responseWithinDeadline: { count: 2, of: 3, rate: 2 / 3 }, firstTimeFix: { count: 2, of: 3, rate: 2 / 3 }, mttaHours: expect.closeTo(10 / 9, 9) as unknown, mttrHours: 2, averageRating: null, ratings: 0 }
    expect(body).toMatchObject({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', truncated: false, overall, sites: [{ siteId: PUMP.siteId, ...overall }] })
    // ana: A met, B missed; MTTA (20 min + 2 h 30) / 2 = 1 h 25. bo: C met.
    expect(body.engineers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ engineerId: 'eng-ana', responseWithinDeadline: { count: 1, of: 2, rate: 0.5 }, mttaHours: expect.closeTo(1 + 25 / 60, 9) as unknown, mttrHours: 2.5 }),
        expect.objectContaining({ engineerId: 'eng-bo', responseWithinDeadline: { count: 1, of: 1, rate: 1 }, firstTimeFix: { count: 0, of: 1, rate: 0 } })
      ])
    )
    // p1 failed three times, down 2 h + 3 h + 1 h = 6 h: MTBF = (720 h − 6 h) / 3 = 238 h.
    expect(body.equipment).toEqual([{ equipmentId: PUMP.id, siteId: PUMP.siteId, failures: 3, downtimeHours: 6, mtbfHours: 238 }])
  })

  it("reads November's hot spots and each rule's false-alarm rate", async () => {
    const spots = await get('manager', '/api/v1/analytics/hot-spots?month=2026-11')
    expect(spots.status).toBe(200)
    // p1: 2 alerts + 3 corrective work orders; lift-1: 1 alert.
    expect(spots.body.equipment).toEqual([
      { equipmentId: PUMP.id, siteId: PUMP.siteId, buildingId: PUMP.buildingId, name: PUMP.name, location: PUMP.location, alerts: 2, workOrders: 3, total: 5 },
      { equipmentId: LIFT.id, siteId: LIFT.siteId, buildingId: 'b2', name: LIFT.name, location: 'Core A', alerts: 1, workOrders: 0, total: 1 }
    ])
    expect(spots.body.locations).toMatchObject([{ buildingId: PUMP.buildingId, location: PUMP.location, equipmentIds: [PUMP.id], total: 5 }, { buildingId: 'b2', location: 'Core A', total: 1 }])
    const rules = await get('manager', '/api/v1/analytics/rules?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z')
    expect(rules.body.items).toEqual([
      { ruleId: 'vibration-rise', alerts: 1, withWorkOrder: 1, realFix: { count: 0, of: 1, rate: 0 }, falseAlarm: { count: 1, of: 1, rate: 1 } },
      { ruleId: 'bearing-overheat', alerts: 1, withWorkOrder: 1, realFix: { count: 1, of: 1, rate: 1 }, falseAlarm: { count: 0, of: 1, rate: 0 } },
      { ruleId: 'door-fault', alerts: 1, withWorkOrder: 0, realFix: { count: 0, of: 1, rate: 0 }, falseAlarm: { count: 0, of: 1, rate: 0 } }
    ])
  })

  it('reads the seasonal trend and the complaint rate', async () => {
    const seasonal = await get('manager', '/api/v1/analytics/seasonal?year=2026&equipmentType=pump')
    expect(seasonal.body.items).toHaveLength(12)
    expect((seasonal.body.items as { month: string }[]).find((point) => point.month === '2026-11')).toEqual({ month: '2026-11', equipmentType: 'pump', alerts: 2, failures: 3, mttrHours: 2 })
    const complaints = await get('manager', '/api/v1/analytics/complaints?month=2026-11')
    expect(complaints.body.items).toEqual([{ siteId: PUMP.siteId, complaints: 0, equipment: 3, per100Equipment: 0 }])
  })

  it("shows an engineer only their own KPIs and scorecard, and only managers other weights", async () => {
    const own = await get('ana', '/api/v1/analytics/kpis?month=2026-11')
    expect(own.status).toBe(200)
    expect(own.body).toMatchObject({ overall: { created: 2 }, sites: [], equipment: [] })
    expect((own.body.engineers as { engineerId: string }[]).map((row) => row.engineerId)).toEqual(['eng-ana'])
    expect((await get('ana', '/api/v1/analytics/kpis?month=2026-11&engineerId=eng-bo')).status).toBe(403)
    expect((await get('ana', '/api/v1/analytics/scorecards?month=2026-11&engineerId=eng-bo')).status).toBe(403)
    expect((await get('ana', '/api/v1/analytics/scorecards?month=2026-11&weights=service_quality:100')).status).toBe(403)
    expect((await get('ana', '/api/v1/analytics/hot-spots?month=2026-11')).status).toBe(403)
    const card = await get('ana', '/api/v1/analytics/scorecards?month=2026-11')
    expect((card.body.items as { engineerId: string }[]).map((item) => item.engineerId)).toEqual(['eng-ana'])
    const overridden = await get('manager', '/api/v1/analytics/scorecards?month=2026-11&weights=service_quality:100,efficiency:0,safety_compliance:0,communication:0,improvement:0')
    expect(overridden.body.weights).toEqual({ service_quality: 100, efficiency: 0, safety_compliance: 0, communication: 0, improvement: 0 })
    // bo's service quality alone: deadline 1 of 1, first-time fix 0 of 1, no rating: (1 + 0) / 2 = 50.
    expect((overridden.body.items as { engineerId: string; score: number }[]).find((item) => item.engineerId === 'eng-bo')?.score).toBe(50)
    const bad = await get('manager', '/api/v1/analytics/scorecards?month=2026-11&weights=charm:5')
    expect(bad).toMatchObject({ status: 400, body: { detail: expect.stringContaining('querystring.weights: no dimension charm') as unknown } })
  })

  it("counts a suggestion answered as adopted in the engineers' improvement score", async () => {
    now = at('11-03T09:00')
    const id = await requests.nextId()
    await requests.create({ id, kind: 'suggestion', status: 'open', equipmentId: PUMP.id, equipmentType: 'pump', siteId: PUMP.siteId, buildingId: PUMP.buildingId, description: 'A bench by the lift', createdAt: new Date(now).toISOString() }, 'f'.repeat(32))
    const answered = await app.inject({ method: 'POST', url: `/api/v1/feedback/${id}/answer`, headers: { authorization: `Bearer ${token.manager ?? ''}` }, payload: { answer: 'Good idea: ordered.', adopted: true } })
    expect(answered.json()).toMatchObject({ status: 'answered', answer: { adopted: true } })
    now = at('12-05T00:00')
    const card = await get('manager', '/api/v1/analytics/scorecards?month=2026-11&engineerId=eng-bo')
    const improvement = (card.body.items as { dimensions: { id: string; score: number | null }[] }[])[0]?.dimensions.find((dimension) => dimension.id === 'improvement')
    expect(improvement?.score).toBe(100)
  })

  it('says what is wrong with a period', async () => {
    const backwards = await get('manager', '/api/v1/analytics/kpis?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z')
    expect(backwards).toMatchObject({ status: 400, body: { detail: expect.stringContaining('querystring.to: must be after from') as unknown } })
    expect((await get('manager', '/api/v1/analytics/kpis?from=2026-11-01T00:00:00Z')).body.detail).toContain('querystring.to')
  })
})
