import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'

/** A `vigil <command>` child process, as it runs in a split deployment. */
export interface VigilProcess {
  readonly child: ChildProcess
  /** Output lines so far (stdout and stderr), for failure messages. */
  output(): string
  kill(signal: NodeJS.Signals): Promise<void>
}

/**
 * Starts `vigil <command>` and resolves once it printed `vigil: <command> running`. `nodeArgs` go
 * to Node itself (e.g. --cpu-prof, which NODE_OPTIONS refuses). Used by tests and benchmarks.
 */
export async function startVigilProcess(command: string, env: Record<string, string>, options: { timeoutMs?: number; nodeArgs?: readonly string[] } = {}): Promise<VigilProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', path.join('bin', 'vigil.ts'), command], {
    env: { ...process.env, LOG_LEVEL: 'warn', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  const keep = (line: string): void => {
    lines.push(line)
    if (lines.length > 200) lines.shift()
  }
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vigil ${command} did not start in ${timeoutMs} ms:\n${lines.join('\n')}`)), timeoutMs)
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      keep(line)
      if (line === `vigil: ${command} running`) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`vigil ${command} exited with ${code}:\n${lines.join('\n')}`))
    })
  })
  return {
    child,
    output: () => lines.join('\n'),
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill(signal)
      await exited
    }
  }
}
