import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { ApiTokenStore } from '../../../core/auth/api-tokens.js'
import type { Equipment } from '../../../core/domain/equipment.js'
import { MaintenanceWindowStore } from '../../../core/maintenance/maintenance-window-store.js'
import { activeWindow } from '../../../core/maintenance/maintenance-window.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

const LIFT: Equipment = { ...PUMP, id: 'lift-1', type: 'elevator', name: 'Lift 1' }
const PUMP_B: Equipment = { ...PUMP, id: 'p-b', buildingId: 'b2', name: 'Tower B pump' }
const NOW = Date.parse('2026-12-01T00:00:00Z')

describe('notices for occupants: on the QR pages they cover, muting the alerts the planned work causes', () => {
  let redis: TestRedis
  let app: FastifyInstance
  let registry: RegistryStore
  let manager = ''

  beforeAll(async () => {
    redis = testRedis()
    registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    await registerPump(registry, LIFT, 'lift-1-gw')
    await registerPump(registry, PUMP_B, 'p-b-gw')
    const tokens = new ApiTokenStore(redis.redis, redis.keys)
    manager = await tokens.issue({ name: 'mei (manager)', role: 'manager' })
    app = await buildApp(await testApiDeps(redis, { registry, tokens, now: () => NOW }))
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  const page = async (equipment: Equipment) => (await app.inject({ url: `/r/${(await registry.getEquipment(equipment.id))?.qrCode ?? ''}` })).body

  it("shows a building's water outage on its pumps' pages, mutes those pumps' alerts in the window, and withdraws both", async () => {
    const posted = await app.inject({
      method: 'POST',
      url: '/api/v1/notices',
      headers: { authorization: `Bearer ${manager}` },
      payload: { siteId: PUMP.siteId, buildingId: PUMP.buildingId, title: 'Water off on Tuesday morning', message: 'Booster pumps serviced 8–11 am.', startsAt: '2026-12-01T23:00:00.000Z', endsAt: '2026-12-02T03:00:00.000Z', mutesEquipmentTypes: ['pump'] }
    })
    expect(posted.statusCode).toBe(201)
    const notice = posted.json<{ id: string; windows: { equipmentId: string }[] }>()
    // Only the pump of that building is muted: not its lift, not the pump next door.
    expect(notice.windows.map((window) => window.equipmentId)).toEqual([PUMP.id])
    const windows = new MaintenanceWindowStore(redis.redis, redis.keys)
    expect(activeWindow(await windows.list(PUMP.id), Date.parse('2026-12-02T01:00:00Z'))).toMatchObject({ window: { reason: `notice ${notice.id}: Water off on Tuesday morning` } })
    expect(activeWindow(await windows.list(PUMP.id), Date.parse('2026-12-02T04:00:00Z'))).toBeUndefined()

    expect(await page(PUMP)).toContain('Water off on Tuesday morning')
    expect(await page(LIFT)).toContain('Water off on Tuesday morning')
    expect(await page(PUMP_B)).not.toContain('Water off on Tuesday morning')

    const events = await redis.redis.xrange(redis.keys.noticeEvents, '-', '+')
    expect(events.map(([, fields]) => (JSON.parse(fields[1] ?? '{}') as { kind: string }).kind)).toEqual(['posted'])

    const withdrawn = await app.inject({ method: 'DELETE', url: `/api/v1/notices/${notice.id}`, headers: { authorization: `Bearer ${manager}` } })
    expect(withdrawn.statusCode).toBe(204)
    expect(await windows.list(PUMP.id)).toEqual([])
    expect(await page(PUMP)).not.toContain('Water off on Tuesday morning')
  })

  it('names the field of a notice that cannot be', async () => {
    const post = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/notices', headers: { authorization: `Bearer ${manager}` }, payload: { siteId: PUMP.siteId, title: 't', message: 'm', startsAt: '2026-12-02T00:00:00Z', endsAt: '2026-12-02T03:00:00Z', ...payload } })
    expect((await post({ endsAt: '2026-12-01T00:00:00Z' })).json()).toMatchObject({ status: 400, errors: [{ field: 'body.endsAt' }] })
    expect((await post({ buildingId: 'nowhere' })).json()).toMatchObject({ status: 400, errors: [{ field: 'body.buildingId' }] })
    expect((await post({ siteId: 'nowhere' })).json()).toMatchObject({ status: 400, errors: [{ field: 'body.siteId' }] })
  })
})
