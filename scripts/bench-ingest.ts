// bench:ingest — how many readings per second Vigil stores end to end, at what publish-to-stored
// latency, at what CPU and memory per part; and, in the same run, the raw limits of the parts
// alone (aedes relaying the same messages to one subscriber; InfluxDB taking the same points in
// 5,000-point batches), with Vigil's figure as a ratio of the lower one.
//
//   npm run bench:ingest [-- --devices 200 --seconds 15 --window 4 --rate 110 --no-rules --profile DIR]
//
// --no-rules leaves the rules engine out (to see what it costs the broker); --profile DIR writes a
// V8 CPU profile of the broker process there.
//
// Vigil runs as the split deployment (vigil broker with the embedded ingest, vigil rules, vigil api),
// each a child process on free ports, against a local Redis and InfluxDB started for the run. The
// load generator (simulators/load-generator.ts) runs in this process: every device is its own MQTT
// connection publishing QoS 1, and a PUBACK from Vigil's broker means "stored".
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import mqtt from 'mqtt'
import { hashPassword } from '../core/auth/password-hash.js'
import { devicePassword } from '../core/auth/service-provisioning.js'
import type { Fleet } from '../core/domain/fleet.js'
import { connectInflux } from '../core/influx/influx-store.js'
import type { InfluxStore } from '../core/influx/influx-store.js'
import { encodeLine, seriesKey } from '../core/influx/line-protocol.js'
import { createRedis } from '../core/redis/redis-connection.js'
import { redisKeys } from '../core/redis/redis-keys.js'
import { RegistryStore } from '../core/registry/registry-store.js'
import { freePort } from '../core/services/free-port.js'
import { provideServices } from '../core/services/local-services.js'
import { TELEMETRY_FILTER } from '../core/telemetry/topics.js'
import { quantile, runLoad } from '../simulators/load-generator.js'
import type { LoadDevice, LoadResult } from '../simulators/load-generator.js'
import { UsageMeter } from './bench/process-usage.js'
import { startVigilProcess } from '../tests/helpers/vigil-process.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`)
  return at < 0 ? fallback : Number(args[at + 1])
}
const DEVICES = option('devices', 200)
const SECONDS = option('seconds', 15)
const WINDOW = option('window', 4)
const RATE = option('rate', 110)
const METRICS_PER_READING = 6
const TARGET_READINGS_PER_S = 20_000
const TARGET_P99_MS = 1000
const SECRET = 'bench-ingest-secret-0000000000'

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-bench-ingest-'))
const children: ChildProcess[] = []
const say = (line: string): void => console.error(`[bench] ${line}`)

try {
  const services = await provideServices({ dataDir, say })
  const devices: LoadDevice[] = Array.from({ length: DEVICES }, (_, i) => ({ id: `bench-pump-${i}-gw`, siteId: 'bench-site', password: devicePassword(SECRET, `bench-pump-${i}-gw`) }))

  say('raw InfluxDB: the same points in 5,000-point batches, two writers')
  const rawInflux = await rawInfluxdb(services.influxUrl, devices)

  say('raw aedes: the same messages relayed to one QoS 1 subscriber')
  const rawAedes = await rawBroker(devices)

  say(`Vigil: registering ${DEVICES} devices and starting broker (embedded ingest), api and rules`)
  const prefix = `bench${Date.now().toString(36)}`
  const database = `bench_${prefix}`
  await registerDevices(services.redisUrl, prefix, devices)
  const mqttPort = await freePort()
  const apiPort = await freePort()
  const env = {
    ...process.env,
    REDIS_URL: services.redisUrl,
    INFLUX_URL: services.influxUrl,
    REDIS_PREFIX: prefix,
    INFLUX_DATABASE: database,
    VIGIL_SERVICE_SECRET: SECRET,
    MQTT_PORT: String(mqttPort),
    API_PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir
  }
  const profile = args.indexOf('--profile')
  const broker = await startPart('broker', env, profile < 0 ? [] : ['--cpu-prof', `--cpu-prof-dir=${args[profile + 1] ?? 'profiles'}`])
  const api = await startPart('api', env)
  const rules = args.includes('--no-rules') ? api : await startPart('rules', env)
  const influx = await connectInflux({ url: services.influxUrl, token: '', database, org: '', version: 'auto' })
  const brokerUrl = `mqtt://127.0.0.1:${mqttPort}`
  const pids = new Map<string, number>([
    ['vigil broker + ingest', broker.pid ?? -1],
    ['vigil rules', rules.pid ?? -1],
    ['vigil api', api.pid ?? -1],
    ['influxd', services.pids.influx ?? -1],
    ['redis-server', services.pids.redis ?? -1]
  ])

  say(`Vigil, closed loop (each device keeps ${WINDOW} messages in flight) for ${SECONDS} s`)
  const closedStart = Date.now()
  const closedUsage = new UsageMeter(pids)
  const closedCpu = process.cpuUsage()
  closedUsage.start()
  const closed = await runLoad({ brokerUrl, devices, durationMs: SECONDS * 1000, mode: { kind: 'window', window: WINDOW } })
  const closedParts = closedUsage.stop()
  const closedGeneratorCpu = cpuSecondsSince(closedCpu)
  const openStart = Date.now()
  const closedStored = await countStored(influx, closedStart, openStart)

  const offered = DEVICES * RATE
  say(`Vigil, open loop at ${offered} readings/s (${DEVICES} devices × ${RATE}/s) for ${SECONDS} s`)
  const openUsage = new UsageMeter(pids)
  openUsage.start()
  const open = await runLoad({ brokerUrl, devices, durationMs: SECONDS * 1000, mode: { kind: 'rate', messagesPerSecond: RATE } })
  const openParts = openUsage.stop()
  const openStored = await countStored(influx, openStart, Date.now() + 1000)

  const lowerRaw = Math.min(rawInflux, rawAedes)
  const closedRate = closedStored.total / (closed.elapsedMs / 1000)
  const openRate = openStored.total / (open.elapsedMs / 1000)
  const row = (label: string, value: string, limit = ''): string => `  ${label.padEnd(52)} ${value.padStart(14)}   ${limit}`
  const ms = (value: number): string => `${value.toFixed(1)} ms`
  console.log('')
  console.log(`bench:ingest — ${DEVICES} devices, QoS 1, ${METRICS_PER_READING} metrics per reading, one reading per message, ${os.cpus().length} cores`)
  console.log('')
  console.log('  raw limits of the parts alone')
  console.log(row('InfluxDB: points/s in 5,000-point batches', rate(rawInflux)))
  console.log(row('aedes: messages/s relayed to one QoS 1 subscriber', rate(rawAedes)))
  console.log('')
  console.log(`  Vigil end to end, closed loop (window ${WINDOW} per device)`)
  console.log(row('readings/s stored (counted back from InfluxDB)', rate(closedRate), `target ≥ ${rate(0.5 * lowerRaw)} (50% of the lower raw limit ${rate(lowerRaw)}): ratio ${(closedRate / lowerRaw).toFixed(2)}`))
  console.log(row('acknowledged / stored readings', `${closed.readingsAcked} / ${closedStored.total}`, missingNote(closed, closedStored)))
  console.log(row('publish-to-stored p50 / p99', `${ms(quantile(closed.latenciesMs, 0.5))} / ${ms(quantile(closed.latenciesMs, 0.99))}`))
  console.log('')
  console.log(`  Vigil end to end, open loop at ${rate(offered)} offered`)
  console.log(row('readings/s stored (counted back from InfluxDB)', rate(openRate), `target ≥ ${rate(TARGET_READINGS_PER_S)}`))
  console.log(row('acknowledged / stored readings', `${open.readingsAcked} / ${openStored.total}`, missingNote(open, openStored)))
  console.log(row('publish-to-stored p50 / p99', `${ms(quantile(open.latenciesMs, 0.5))} / ${ms(quantile(open.latenciesMs, 0.99))}`, `target p99 < ${TARGET_P99_MS} ms`))
  console.log('')
  console.log(`  CPU (share of one core) and peak RSS per part, closed loop | open loop`)
  for (const [name, usage] of closedParts) {
    const other = openParts.get(name)
    console.log(row(name, `${pct(usage.cpuSeconds / (closed.elapsedMs / 1000))} ${usage.peakRssMiB.toFixed(0)} MiB`, `| ${pct((other?.cpuSeconds ?? 0) / (open.elapsedMs / 1000))} ${other?.peakRssMiB.toFixed(0) ?? '?'} MiB`))
  }
  console.log(row('load generator (this process)', pct(closedGeneratorCpu / (closed.elapsedMs / 1000))))
  const pass = closedRate >= 0.5 * lowerRaw && openRate >= TARGET_READINGS_PER_S && quantile(open.latenciesMs, 0.99) < TARGET_P99_MS
  console.log('')
  console.log(pass ? 'PASS' : 'FAIL')
  process.exitCode = pass ? 0 : 1

  for (const child of children.splice(0)) await stopChild(child)
  await services.stop()
} finally {
  for (const child of children) await stopChild(child)
  await rm(dataDir, { recursive: true, force: true })
}

function rate(value: number): string {
  return `${Math.round(value).toLocaleString('en')}/s`
}

function pct(share: number): string {
  return `${(share * 100).toFixed(0)}%`
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

function missingNote(load: LoadResult, stored: { total: number }): string {
  const lost = load.readingsAcked - stored.total
  return lost > 0 ? `${lost} acknowledged readings NOT stored` : 'every acknowledged reading stored'
}

async function rawInfluxdb(url: string, devices: readonly LoadDevice[]): Promise<number> {
  const influx = await connectInflux({ url, token: '', database: `bench_raw_${Date.now().toString(36)}`, org: '', version: 'auto' })
  await influx.ensureDatabase()
  const keys = devices.map((device, i) => seriesKey('telemetry', { site: device.siteId, building: 'bench-building', equipment_type: 'pump', equipment: `bench-pump-${i}`, device: device.id }))
  let ts = Date.now() - 3_600_000
  const batch = (): string[] => {
    const lines: string[] = []
    for (let i = 0; i < 5000; i++) {
      const key = keys[i % keys.length] as string
      if (i % keys.length === 0) ts++
      lines.push(encodeLine(key, { outlet_pressure_bar: 3.8, flow_m3h: 40 + (i % 7), motor_current_a: 29.1, bearing_temp_c: 52.2, vibration_mm_s: 2.31, running: 1 }, ts))
    }
    return lines
  }
  let points = 0
  const until = performance.now() + SECONDS * 1000
  const started = performance.now()
  const writer = async (): Promise<void> => {
    while (performance.now() < until) {
      const lines = batch()
      await influx.writeLines(lines)
      points += lines.length
    }
  }
  await Promise.all([writer(), writer()])
  return points / ((performance.now() - started) / 1000)
}

async function rawBroker(devices: readonly LoadDevice[]): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', 'bench', 'raw-aedes.ts')], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  const port = await new Promise<string>((resolve) => createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve))
  const url = `mqtt://127.0.0.1:${port}`
  const subscriber = await mqtt.connectAsync(url, { clientId: 'bench-subscriber', clean: true })
  let delivered = 0
  let firstAt = 0
  let lastAt = 0
  subscriber.on('message', () => {
    lastAt = performance.now()
    if (delivered++ === 0) firstAt = lastAt
  })
  await subscriber.subscribeAsync(TELEMETRY_FILTER, { qos: 1 })
  const load = await runLoad({ brokerUrl: url, devices, durationMs: SECONDS * 1000, mode: { kind: 'window', window: WINDOW } })
  // Wait until the subscriber has everything the publishers had acknowledged.
  const until = performance.now() + 30_000
  while (delivered < load.messagesAcked && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 20))
  await subscriber.endAsync()
  await stopChild(child)
  children.splice(children.indexOf(child), 1)
  return delivered / ((lastAt - firstAt) / 1000)
}

async function registerDevices(redisUrl: string, prefix: string, devices: readonly LoadDevice[]): Promise<void> {
  const redis = createRedis(redisUrl, 'bench')
  const fleet: Fleet = {
    sites: [{ id: 'bench-site', name: 'Bench site', timezone: 'UTC' }],
    buildings: [{ id: 'bench-building', siteId: 'bench-site', name: 'Bench building' }],
    equipment: devices.map((_, i) => ({ id: `bench-pump-${i}`, siteId: 'bench-site', buildingId: 'bench-building', type: 'pump' as const, name: `Bench pump ${i}`, location: 'bench' })),
    devices: devices.map((device, i) => ({ id: device.id, equipmentId: `bench-pump-${i}`, siteId: 'bench-site', buildingId: 'bench-building', equipmentType: 'pump' as const }))
  }
  const hashes = await Promise.all(devices.map(async (device) => [device.id, await hashPassword(device.password)] as const))
  await new RegistryStore(redis, redisKeys(prefix)).putFleet(fleet, new Map(hashes))
  await redis.quit()
}

async function startPart(command: string, env: NodeJS.ProcessEnv, nodeArgs: readonly string[] = []): Promise<ChildProcess> {
  const part = await startVigilProcess(command, { ...(env as Record<string, string>), LOG_LEVEL: 'warn', METRICS_PORT: String(await freePort()) }, { nodeArgs })
  children.push(part.child)
  return part.child
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/** Readings stored with device times in [fromMs, toMs): the load generator stamps them when it publishes. */
async function countStored(influx: InfluxStore, fromMs: number, toMs: number): Promise<{ total: number }> {
  const series = await influx.query(`SELECT count("bearing_temp_c") FROM "telemetry" WHERE time >= ${fromMs}ms AND time < ${toMs}ms`)
  return { total: Number(series[0]?.values[0]?.[1] ?? 0) }
}
