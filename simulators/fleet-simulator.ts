import mqtt from 'mqtt'
import type { MqttClient } from 'mqtt'
import type { Device } from '../core/domain/equipment.js'
import type { Fleet } from '../core/domain/fleet.js'
import type { Logger } from '../core/logger.js'
import { deviceTopic } from '../core/telemetry/topics.js'
import { DEFAULT_FAULT_DURATION_MS, FAULT_KINDS, faultAppliesTo } from './faults.js'
import type { FaultSpec } from './faults.js'
import { createDeviceModel } from './models/create-device-model.js'
import type { DeviceModel } from './models/device-model.js'
import { deriveSeed } from './random.js'

export const DEFAULT_SEED = 1
/** How long close() waits for unacknowledged messages before dropping the connection. */
const CLOSE_DRAIN_MS = 2_000

export interface SimulatorOptions {
  brokerUrl: string
  /** Between two readings of one device, in milliseconds. */
  intervalMs: number
  /** deviceId -> MQTT password. */
  credentials: ReadonlyMap<string, string>
  /** Faults started at start-up. */
  faults?: readonly FaultSpec[]
  /** Time a fault takes to reach full severity, in milliseconds. Default 120000. */
  faultDurationMs?: number
  /** Same seed, same readings (apart from wall-clock timing). Default 1. */
  seed?: number
  logger: Logger
  /** Only simulate these devices. Default: every device of the fleet. */
  deviceIds?: readonly string[]
}

export interface RunningSimulator {
  /** Telemetry messages PUBACKed so far. */
  readonly published: number
  startFault(spec: FaultSpec, durationMs?: number): void
  /** Stops the timers, marks every device offline and ends every MQTT client. */
  close(): Promise<void>
}

interface SimulatedDevice {
  device: Device
  model: DeviceModel
  client: MqttClient
  telemetryTopic: string
  statusTopic: string
  log: Logger
  seq: number
  lastTsMs: number
  timer: NodeJS.Timeout | undefined
  /** The device's connection was cut by an `offline` fault. */
  dropped: boolean
  lastError: string | undefined
  /** QoS 1 messages not yet acknowledged, and who waits for them all to be. */
  inFlight: number
  onIdle: (() => void) | undefined
}

/**
 * Runs every device of the fleet as its own MQTT client publishing simulated telemetry. Connects
 * before resolving (each client has answered once: connected or failed; failed clients keep retrying).
 */
export async function startFleetSimulator(fleet: Fleet, options: SimulatorOptions): Promise<RunningSimulator> {
  const { intervalMs, logger } = options
  if (!(Number.isFinite(intervalMs) && intervalMs > 0)) throw new Error(`Simulator intervalMs must be a positive number, got ${intervalMs}`)
  const defaultDurationMs = options.faultDurationMs ?? DEFAULT_FAULT_DURATION_MS
  if (!(Number.isFinite(defaultDurationMs) && defaultDurationMs > 0)) throw new Error(`Simulator faultDurationMs must be a positive number, got ${defaultDurationMs}`)

  const selected = selectDevices(fleet, options.deviceIds)
  const missing = selected.filter((device) => !options.credentials.has(device.id)).map((device) => device.id)
  if (missing.length > 0) throw new Error(`Simulator has no MQTT credentials for device${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`)
  const byEquipment = new Map(selected.map((device) => [device.equipmentId, device]))
  const checkFault = (spec: FaultSpec): Device => {
    const device = byEquipment.get(spec.equipmentId)
    if (device === undefined) {
      const known = fleet.equipment.some((equipment) => equipment.id === spec.equipmentId)
      throw new Error(`Fault ${spec.kind}:${spec.equipmentId}: ${known ? 'that equipment is not simulated in this run' : 'no such equipment in the fleet'}`)
    }
    if (!faultAppliesTo(spec.kind, device.equipmentType)) {
      throw new Error(`Fault ${spec.kind}:${spec.equipmentId}: ${spec.kind} applies to ${FAULT_KINDS[spec.kind].equipmentType} equipment, ${spec.equipmentId} is ${device.equipmentType}`)
    }
    return device
  }
  const startupFaults = options.faults ?? []
  const faultDevices = startupFaults.map(checkFault)

  const timeZones = new Map(fleet.sites.map((site) => [site.id, site.timezone]))
  const seed = options.seed ?? DEFAULT_SEED
  const devices = new Map<string, SimulatedDevice>()
  let published = 0
  let closed = false

  // Everything that can throw happens before the first client opens a socket.
  const models = selected.map((device) => {
    const timeZone = timeZones.get(device.siteId)
    if (timeZone === undefined) throw new Error(`Device ${device.id} belongs to site ${device.siteId}, which is not in the fleet`)
    return createDeviceModel(device.equipmentType, { seed: deriveSeed(seed, device.id), timeZone })
  })
  const startedAtMs = Date.now()
  startupFaults.forEach((spec, i) => {
    const model = models[selected.indexOf(faultDevices[i] as Device)]
    model?.startFault(spec.kind, startedAtMs, defaultDurationMs)
    logger.info({ fault: spec.kind, equipment: spec.equipmentId, durationMs: defaultDurationMs }, 'simulated fault started')
  })

  selected.forEach((device, index) => {
    const model = models[index] as DeviceModel
    const statusTopic = deviceTopic(device.siteId, device.id, 'status')
    const client = mqtt.connect(options.brokerUrl, {
      clientId: device.id,
      username: device.id,
      password: options.credentials.get(device.id),
      clean: false,
      protocolVersion: 4,
      keepalive: 30,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      will: { topic: statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true }
    })
    const simulated: SimulatedDevice = {
      device,
      model,
      client,
      telemetryTopic: deviceTopic(device.siteId, device.id, 'telemetry'),
      statusTopic,
      log: logger.child({ device: device.id }),
      seq: 0,
      lastTsMs: 0,
      timer: undefined,
      dropped: false,
      lastError: undefined,
      inFlight: 0,
      onIdle: undefined
    }
    watchConnection(simulated)
    devices.set(device.id, simulated)
  })

  await Promise.all([...devices.values()].map((simulated) => firstOutcome(simulated.client)))

  const tick = (simulated: SimulatedDevice): void => {
    if (closed || simulated.dropped) return
    const { model, client } = simulated
    const tsMs = Math.max(Date.now(), simulated.lastTsMs)
    simulated.lastTsMs = tsMs
    if (model.fault?.kind === 'offline' && model.faultActive(tsMs)) {
      // Like a gateway losing power: no DISCONNECT, so the broker publishes the last will.
      simulated.dropped = true
      clearTimer(simulated)
      client.end(true)
      simulated.log.info('device dropped its connection (offline fault)')
      return
    }
    if (model.silentAt(tsMs)) return
    const payload = JSON.stringify({ ts: tsMs, seq: simulated.seq++, metrics: model.reading(tsMs) })
    publishQos1(simulated, simulated.telemetryTopic, payload, false, (error) => {
      if (!error) published++
    })
  }

  // Spread the devices over the first interval so they do not all publish in the same millisecond.
  const list = [...devices.values()]
  list.forEach((simulated, index) => {
    simulated.timer = setTimeout(() => {
      simulated.timer = setInterval(() => tick(simulated), intervalMs)
      tick(simulated)
    }, Math.floor((index * intervalMs) / list.length))
  })
  logger.info({ devices: list.length, intervalMs, seed }, 'fleet simulator started')

  return {
    get published() {
      return published
    },
    startFault(spec, durationMs = defaultDurationMs) {
      if (closed) throw new Error('Simulator is closed')
      const device = checkFault(spec)
      devices.get(device.id)?.model.startFault(spec.kind, Date.now(), durationMs)
      logger.info({ fault: spec.kind, equipment: spec.equipmentId, durationMs }, 'simulated fault started')
    },
    async close() {
      if (closed) return
      closed = true
      for (const simulated of list) clearTimer(simulated)
      await Promise.all(list.map((simulated) => closeDevice(simulated)))
      logger.info({ published }, 'fleet simulator stopped')
    }
  }
}

function selectDevices(fleet: Fleet, deviceIds: readonly string[] | undefined): Device[] {
  if (deviceIds === undefined) return [...fleet.devices]
  const wanted = new Set(deviceIds)
  const unknown = [...wanted].filter((id) => !fleet.devices.some((device) => device.id === id))
  if (unknown.length > 0) throw new Error(`Simulator deviceIds not in the fleet: ${unknown.join(', ')}`)
  return fleet.devices.filter((device) => wanted.has(device.id))
}

function watchConnection(simulated: SimulatedDevice): void {
  const { client, log } = simulated
  client.on('connect', () => {
    if (simulated.lastError !== undefined) log.info('device reconnected')
    simulated.lastError = undefined
    publishQos1(simulated, simulated.statusTopic, 'online', true, (error) => {
      if (error) log.debug({ err: error }, 'online status not acknowledged')
    })
  })
  // Reconnects repeat the same error every second; log each new one once.
  client.on('error', (error) => {
    if (error.message === simulated.lastError) return
    simulated.lastError = error.message
    log.warn({ err: error }, 'device connection failed; retrying')
  })
}

/** Resolves once the client has connected or failed for the first time. */
function firstOutcome(client: MqttClient): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      client.off('connect', done)
      client.off('error', done)
      client.off('close', done)
      resolve()
    }
    client.once('connect', done)
    client.once('error', done)
    client.once('close', done)
  })
}

function clearTimer(simulated: SimulatedDevice): void {
  // clearTimeout and clearInterval are interchangeable in Node; one call clears either kind.
  clearTimeout(simulated.timer)
  simulated.timer = undefined
}

async function closeDevice(simulated: SimulatedDevice): Promise<void> {
  const { client } = simulated
  if (simulated.dropped || !client.connected) {
    await client.endAsync(true)
    return
  }
  // A DISCONNECT suppresses the last will, so say offline ourselves.
  publishQos1(simulated, simulated.statusTopic, 'offline', true, () => undefined)
  const drained = await waitUntilIdle(simulated, CLOSE_DRAIN_MS)
  // Forced, the socket is cut without a DISCONNECT: the broker then sends the will, which also says offline.
  await client.endAsync(!drained)
}

function publishQos1(simulated: SimulatedDevice, topic: string, payload: string, retain: boolean, done: (error: Error | undefined) => void): void {
  simulated.inFlight++
  simulated.client.publish(topic, payload, { qos: 1, retain }, (error) => {
    simulated.inFlight--
    done(error)
    if (simulated.inFlight === 0) simulated.onIdle?.()
  })
}

/** Resolves true once every QoS 1 message of the device is acknowledged, false after `timeoutMs`. */
function waitUntilIdle(simulated: SimulatedDevice, timeoutMs: number): Promise<boolean> {
  if (simulated.inFlight === 0) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      simulated.onIdle = undefined
      resolve(false)
    }, timeoutMs)
    simulated.onIdle = () => {
      clearTimeout(timer)
      simulated.onIdle = undefined
      resolve(true)
    }
  })
}
