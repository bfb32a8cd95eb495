// Measures the walking skeleton's promise: after `vigil start --fault bearing-overheat:<pump>`, a work
// order for that pump (and only one) is listed by GET /api/v1/work-orders within two minutes, and
// the pump's telemetry trend shows the rising temperature. Runs the real command as a child process
// with the default rules, the default 1 s readings and the default fault, in a throwaway data
// directory on free ports. Prints the figure beside the limit.
//
//   npm run bench:time-to-work-order [-- --pump hv-a-pump-1]
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'

const LIMIT_S = 120
const pumpArg = process.argv.indexOf('--pump')
const pump = pumpArg > 0 ? (process.argv[pumpArg + 1] ?? 'hv-a-pump-1') : 'hv-a-pump-1'

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-bench-'))
const startedAt = performance.now()
const child = spawn(process.execPath, ['--import', 'tsx', 'bin/vigil.ts', 'start', '--fault', `bearing-overheat:${pump}`], {
  env: { ...process.env, DATA_DIR: dataDir, MQTT_PORT: '0', API_PORT: '0', LOG_LEVEL: 'warn', REDIS_URL: '', INFLUX_URL: '' },
  stdio: ['ignore', 'pipe', 'inherit']
})
let apiUrl = ''
let token = ''
const ready = new Promise<void>((resolve, reject) => {
  createInterface({ input: child.stdout }).on('line', (line) => {
    apiUrl ||= /^\s+API\s+(\S+)/.exec(line)?.[1] ?? ''
    token ||= /^\s+Token\s+(\S+)/.exec(line)?.[1] ?? ''
    if (line.startsWith('Press Ctrl-C')) resolve()
  })
  child.once('exit', (code) => reject(new Error(`vigil start exited with ${code}`)))
})

async function measure(): Promise<boolean> {
  await ready
  const startupS = (performance.now() - startedAt) / 1000
  const get = async <T>(url: string): Promise<T> => (await (await fetch(`${apiUrl}${url}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T
  let workOrders: { id: string; equipmentId: string }[] = []
  // Poll the API like a user would, once a second, up to twice the limit.
  while ((performance.now() - startedAt) / 1000 < 2 * LIMIT_S) {
    workOrders = (await get<{ items: { id: string; equipmentId: string }[] }>('/api/v1/work-orders')).items.filter((wo) => wo.equipmentId === pump)
    if (workOrders.length > 0) break
    await sleep(1000)
  }
  const elapsedS = (performance.now() - startedAt) / 1000
  const trend = await get<{ points: { mean: number }[] }>(`/api/v1/equipment/${pump}/telemetry?metric=bearing_temp_c&from=${Date.now() - 300_000}&every=10s`)
  const means = trend.points.map((p) => p.mean)
  const rise = (means.at(-1) ?? 0) - (means[0] ?? 0)
  const others = (await get<{ items: { equipmentId: string }[] }>('/api/v1/work-orders')).items.filter((wo) => wo.equipmentId !== pump).length
  const passed = workOrders.length === 1 && elapsedS <= LIMIT_S && rise > 20
  console.log(`start-up (services, broker, API, rules, 17 simulated devices): ${startupS.toFixed(1)} s`)
  console.log(`time from start to a work order for ${pump}: ${elapsedS.toFixed(1)} s   limit: ${LIMIT_S} s`)
  console.log(`work orders for ${pump}: ${workOrders.length}   limit: exactly 1   (for other equipment: ${others})`)
  console.log(`bearing_temp_c trend over the run: ${means[0]?.toFixed(1)} → ${means.at(-1)?.toFixed(1)} °C in ${means.length} buckets (rise ${rise.toFixed(1)} °C)`)
  console.log(passed ? 'PASS' : 'FAIL')
  return passed
}

try {
  process.exitCode = (await measure()) ? 0 : 1
} finally {
  child.kill('SIGINT')
  await new Promise((resolve) => child.once('exit', resolve))
  await rm(dataDir, { recursive: true, force: true })
}
