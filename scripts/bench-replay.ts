// bench:replay — `vigil replay` rows/s on a generated pump CSV (default 1,000,000 rows, one a
// second, the column headers of a typical export), through the shipped pump rules, as a user
// runs it: the real command in a child process. The bearing overheats once, so one alert opens
// and resolves. The CSV lives in a throwaway directory.
//
//   node --import tsx scripts/bench-replay.ts [ROWS]
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { finished } from 'node:stream/promises'
import { promisify } from 'node:util'
import { projectRoot } from '../core/project-root.js'

const rows = Number(process.argv[2] ?? 1_000_000)
const dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-bench-replay-'))
try {
  const csv = path.join(dir, 'pump-1.csv')
  const out = createWriteStream(csv)
  out.write('timestamp,Bearing Temp C,Vibration mm/s,Motor Current A,Flow L/min\n')
  const start = Date.UTC(2024, 0, 1)
  let noise = 1
  const next = (): number => (noise = (noise * 48_271) % 2_147_483_647) / 2_147_483_647
  const overheat = Math.floor(rows * 0.6)
  for (let i = 0; i < rows; i++) {
    const bearing = 55 + 5 * Math.sin(i / 3600) + next() + (i >= overheat && i < overheat + 300 ? 40 : 0)
    const line = `${new Date(start + i * 1000).toISOString()},${bearing.toFixed(3)},${(2 + next() / 10).toFixed(4)},${(30 + next()).toFixed(3)},${(100 + next()).toFixed(2)}\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await finished(out)
  const { stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join('bin', 'vigil.ts'), 'replay', csv, '--out', path.join(dir, 'alerts.jsonl')], { cwd: projectRoot() })
  process.stdout.write(stderr)
} finally {
  await rm(dir, { recursive: true, force: true })
}
