// bench:connect — how many devices stay connected to one `vigil broker` at once, and its RSS.
//
//   npm run bench:connect [-- --devices 10000 --hold-seconds 15]
//
// Registers the devices, starts `vigil broker` (embedded ingest) as its own process, and opens one
// MQTT connection per device from this process with a minimal client (CONNECT with the device's
// credentials, wait for CONNACK, then keep the socket open): mqtt.js objects for 10,000 devices
// would cost the load generator more memory than the broker being measured. Each device then
// publishes one reading, to show the connections are alive end to end. Prints the figures beside
// the targets: 10,000 devices connected at once under 1 GiB broker RSS.
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import mqttPacket from 'mqtt-packet'
import { GENERATED_SECRET_COST, hashPassword } from '../core/auth/password-hash.js'
import { devicePassword } from '../core/auth/service-provisioning.js'
import type { Fleet } from '../core/domain/fleet.js'
import { connectInflux } from '../core/influx/influx-store.js'
import { createRedis } from '../core/redis/redis-connection.js'
import { redisKeys } from '../core/redis/redis-keys.js'
import { RegistryStore } from '../core/registry/registry-store.js'
import { freePort } from '../core/services/free-port.js'
import { provideServices } from '../core/services/local-services.js'
import { deviceTopic } from '../core/telemetry/topics.js'
import { rssMiB } from './bench/process-usage.js'
import { startVigilProcess } from '../tests/helpers/vigil-process.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`)
  return at < 0 ? fallback : Number(args[at + 1])
}
const DEVICES = option('devices', 10_000)
const HOLD_S = option('hold-seconds', 15)
const TARGET_DEVICES = 10_000
const RSS_LIMIT_MIB = 1024
const IN_FLIGHT_CONNECTS = 200
const SECRET = 'bench-connect-secret-000000000000'

const say = (line: string): void => console.error(`[bench] ${line}`)
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-bench-connect-'))
const sockets: net.Socket[] = []
const deviceOf = new Map<net.Socket, string>()

try {
  const services = await provideServices({ dataDir, say })
  const prefix = `connect${Date.now().toString(36)}`
  const database = `bench_${prefix}`
  const ids = Array.from({ length: DEVICES }, (_, i) => `conn-${i}-gw`)
  say(`registering ${DEVICES} devices`)
  const redis = createRedis(services.redisUrl, 'bench')
  const fleet: Fleet = {
    sites: [{ id: 'conn-site', name: 'Connect bench', timezone: 'UTC' }],
    buildings: [{ id: 'conn-building', siteId: 'conn-site', name: 'Connect bench' }],
    equipment: ids.map((_, i) => ({ id: `conn-${i}`, siteId: 'conn-site', buildingId: 'conn-building', type: 'pump' as const, name: `Pump ${i}`, location: 'bench' })),
    devices: ids.map((id, i) => ({ id, equipmentId: `conn-${i}`, siteId: 'conn-site', buildingId: 'conn-building', equipmentType: 'pump' as const }))
  }
  const hashes = new Map<string, string>()
  for (let start = 0; start < ids.length; start += 500) {
    await Promise.all(ids.slice(start, start + 500).map(async (id) => hashes.set(id, await hashPassword(devicePassword(SECRET, id), GENERATED_SECRET_COST))))
  }
  await new RegistryStore(redis, redisKeys(prefix)).putFleet(fleet, hashes)
  await redis.quit()

  const port = await freePort()
  say('starting vigil broker')
  const broker = await startVigilProcess('broker', {
    REDIS_URL: services.redisUrl,
    INFLUX_URL: services.influxUrl,
    REDIS_PREFIX: prefix,
    INFLUX_DATABASE: database,
    VIGIL_SERVICE_SECRET: SECRET,
    MQTT_PORT: String(port),
    DATA_DIR: dataDir,
    // Measure capacity, not the per-address limits (every bench connection comes from 127.0.0.1).
    MQTT_CONNECTS_PER_SECOND: '1000000',
    MQTT_CONNECT_BURST: '1000000',
    MQTT_MAX_CONNECTIONS: String(DEVICES + 100)
  })
  const brokerPid = broker.child.pid ?? -1
  const idleRss = rssMiB(brokerPid)

  say(`connecting ${DEVICES} devices, ${IN_FLIGHT_CONNECTS} at a time`)
  const started = performance.now()
  let connected = 0
  let refused = 0
  let closed = 0
  let next = 0
  const connectOne = (id: string): Promise<void> =>
    new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1')
      let answered = false
      socket.on('error', () => undefined)
      socket.once('close', () => {
        if (answered) closed++
        else refused++
        resolve()
      })
      const parser = mqttPacket.parser({ protocolVersion: 4 })
      parser.on('packet', (packet: { cmd: string; returnCode?: number }) => {
        if (packet.cmd !== 'connack' || answered) return
        answered = true
        if (packet.returnCode === 0) {
          connected++
          sockets.push(socket)
          deviceOf.set(socket, id)
        } else {
          refused++
          socket.destroy()
        }
        resolve()
      })
      socket.on('data', (data) => parser.parse(data))
      socket.write(mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: id, username: id, password: Buffer.from(devicePassword(SECRET, id)), keepalive: 120 }))
    })
  await Promise.all(
    Array.from({ length: IN_FLIGHT_CONNECTS }, async () => {
      while (next < ids.length) await connectOne(ids[next++] as string)
    })
  )
  const connectS = (performance.now() - started) / 1000

  say('every device publishes one reading (QoS 0)')
  const now = Date.now()
  sockets.forEach((socket) => {
    const id = deviceOf.get(socket) as string
    socket.write(mqttPacket.generate({ cmd: 'publish', topic: deviceTopic('conn-site', id, 'telemetry'), payload: Buffer.from(`{"ts":${now},"metrics":{"bearing_temp_c":50}}`), qos: 0, dup: false, retain: false }))
  })
  say(`holding the connections ${HOLD_S} s`)
  let peakRss = rssMiB(brokerPid)
  for (let s = 0; s < HOLD_S * 4; s++) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    peakRss = Math.max(peakRss, rssMiB(brokerPid))
  }
  const stillOpen = sockets.filter((socket) => !socket.destroyed).length
  const influx = await connectInflux({ url: services.influxUrl, token: '', database, org: '', version: 'auto' })
  const [stored] = await influx.query(`SELECT count("bearing_temp_c") FROM "telemetry" WHERE time >= ${now}ms`)
  const storedReadings = Number(stored?.values[0]?.[1] ?? 0)

  const row = (label: string, value: string, limit = ''): string => `  ${label.padEnd(44)} ${value.padStart(12)}   ${limit}`
  console.log('')
  console.log(`bench:connect — ${DEVICES} devices, one MQTT connection each, to one vigil broker, ${os.cpus().length} cores`)
  console.log(row('connected (CONNACK 0)', String(connected)))
  console.log(row('still connected after the hold', String(stillOpen), `target ≥ ${TARGET_DEVICES}`))
  console.log(row('refused / dropped', `${refused} / ${closed}`))
  console.log(row('time to connect them all', `${connectS.toFixed(1)} s`, `(${Math.round(connected / connectS)}/s)`))
  console.log(row('readings stored (one per device)', String(storedReadings)))
  console.log(row('broker RSS idle / peak with all connected', `${idleRss.toFixed(0)} / ${peakRss.toFixed(0)} MiB`, `limit ${RSS_LIMIT_MIB} MiB`))
  const pass = stillOpen >= Math.min(TARGET_DEVICES, DEVICES) && peakRss < RSS_LIMIT_MIB
  console.log('')
  console.log(pass ? 'PASS' : 'FAIL')
  process.exitCode = pass ? 0 : 1

  for (const socket of sockets) socket.destroy()
  await broker.kill('SIGTERM')
  await services.stop()
} finally {
  for (const socket of sockets) socket.destroy()
  await rm(dataDir, { recursive: true, force: true })
}
