import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryAlertRecords } from '../../../core/alerts/memory-alert-records.js'
import type { AlertEvent } from '../../../core/domain/alert.js'
import { DeviceDirectory } from '../../../core/registry/device-directory.js'
import { RegistryStore } from '../../../core/registry/registry-store.js'
import { encodeStoredBatch, storedTelemetryTopic } from '../../../core/telemetry/stored-telemetry.js'
import { AlertService } from '../../../rules/alert-service.js'
import { RulesEngine } from '../../../rules/rules-engine.js'
import { startTelemetryConsumer } from '../../../rules/telemetry-consumer.js'
import { startBareAedes } from '../../helpers/bare-aedes.js'
import type { BareAedes } from '../../helpers/bare-aedes.js'
import { PUMP, registerPump } from '../../helpers/registry-fixture.js'
import { testLogger } from '../../helpers/test-logger.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'
import { BEARING_HOT } from '../../helpers/rule-fixture.js'

const PUMP_2 = { ...PUMP, id: 'p2', siteId: 's2', buildingId: 'b2', name: 'Booster pump 2' }

/** Two rules engines share a fleet by site (RULES_SITES): each evaluates only its own sites' telemetry. */
describe('rules engines partitioned by site, over a real MQTT broker', () => {
  let redis: TestRedis
  let broker: BareAedes
  let directory: DeviceDirectory

  beforeAll(async () => {
    redis = testRedis()
    broker = await startBareAedes()
    const registry = new RegistryStore(redis.redis, redis.keys)
    await registerPump(registry)
    await registerPump(registry, PUMP_2)
    directory = new DeviceDirectory(registry)
  })
  afterAll(async () => {
    await broker.close()
    await redis.close()
  })

  const engineFor = async (site: string) => {
    const opened: AlertEvent[] = []
    let onOpened: () => void = () => undefined
    const alerts = new AlertService({
      records: new MemoryAlertRecords(),
      workOrders: { enqueue: () => Promise.resolve() },
      events: {
        record: (event) => {
          opened.push(event)
          onOpened()
          return Promise.resolve()
        }
      },
      logger: testLogger()
    })
    const consumer = await startTelemetryConsumer({
      url: `mqtt://127.0.0.1:${broker.port}`,
      username: 'vigil-rules',
      password: 'x',
      clientId: `rules-${site}`,
      directory,
      engine: new RulesEngine(new Map([['pump', [BEARING_HOT]]])),
      alerts,
      sites: [site],
      logger: testLogger()
    })
    return { opened, consumer, firstAlert: new Promise<void>((resolve) => (onOpened = resolve)) }
  }

  it('gives each engine only the equipment of its sites', async () => {
    const [east, west] = [await engineFor('s1'), await engineFor('s2')]
    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`)
    const hot = (deviceId: string) => encodeStoredBatch([{ deviceId, payload: Buffer.from(JSON.stringify({ ts: Date.now(), metrics: { bearing_temp_c: 90 } })) }])
    // Ordered delivery: an engine that also read s2 would see p2's batch before p1's.
    await publisher.publishAsync(storedTelemetryTopic('s2'), hot('p2-gw'))
    await publisher.publishAsync(storedTelemetryTopic('s1'), hot('p1-gw'))
    await Promise.all([east.firstAlert, west.firstAlert])
    await publisher.endAsync()
    await Promise.all([east.consumer.close(), west.consumer.close()])
    expect(east.opened.map((event) => event.equipmentId)).toEqual(['p1'])
    expect(west.opened.map((event) => event.equipmentId)).toEqual(['p2'])
  })
})
