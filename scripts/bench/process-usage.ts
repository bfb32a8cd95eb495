import { readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = 100

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name, which may hold spaces, closed by the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
}

/** Resident memory of a process, in MiB. */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) / 1024 : Number.NaN
}

/** Watches named processes during a run: CPU used between start() and stop(), and peak RSS. */
export class UsageMeter {
  private readonly cpuAtStart = new Map<string, number>()
  private readonly peakRss = new Map<string, number>()
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly pids: ReadonlyMap<string, number>) {}

  start(): void {
    for (const [name, pid] of this.pids) {
      this.cpuAtStart.set(name, cpuSeconds(pid))
      this.peakRss.set(name, rssMiB(pid))
    }
    this.timer = setInterval(() => {
      for (const [name, pid] of this.pids) this.peakRss.set(name, Math.max(this.peakRss.get(name) ?? 0, rssMiB(pid)))
    }, 250)
  }

  /** Per process: CPU seconds used since start(), and peak RSS in MiB. */
  stop(): Map<string, { cpuSeconds: number; peakRssMiB: number }> {
    clearInterval(this.timer)
    const result = new Map<string, { cpuSeconds: number; peakRssMiB: number }>()
    for (const [name, pid] of this.pids) {
      result.set(name, { cpuSeconds: cpuSeconds(pid) - (this.cpuAtStart.get(name) ?? 0), peakRssMiB: Math.max(this.peakRss.get(name) ?? 0, rssMiB(pid)) })
    }
    return result
  }
}
