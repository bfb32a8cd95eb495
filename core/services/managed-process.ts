import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'

/** A server process Vigil started and must stop. */
export interface ManagedProcess {
  readonly name: string
  readonly pid: number
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>
  /** The last lines it wrote, for error messages. */
  output(): string
  stop(timeoutMs?: number): Promise<void>
}

const SETPRIV = '/usr/bin/setpriv'
const live = new Set<ChildProcess>()
let exitHookInstalled = false

/**
 * Starts a server so that it cannot outlive Vigil: in its own process group (a Ctrl-C meant for
 * Vigil does not reach it before Vigil has flushed its last writes to it), with the kernel's
 * parent-death signal (setpriv --pdeathsig) so that it also stops if Vigil is killed outright,
 * and a synchronous kill in process.on('exit') as the last line of defence.
 */
export function startManagedProcess(name: string, command: string, args: readonly string[], cwd?: string): ManagedProcess {
  const useSetpriv = process.platform === 'linux' && existsSync(SETPRIV)
  const child = useSetpriv
    ? spawn(SETPRIV, ['--pdeathsig', 'SIGTERM', '--', command, ...args], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  const keep = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue
      lines.push(line)
      if (lines.length > 40) lines.shift()
    }
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  live.add(child)
  installExitHook()
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child)
      resolve()
    })
    child.once('error', (error) => {
      lines.push(`${name} could not start: ${error.message}`)
      live.delete(child)
      resolve()
    })
  })
  return {
    name,
    pid: child.pid ?? -1,
    exited,
    output: () => lines.join('\n'),
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null || !live.has(child)) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      await exited
      clearTimeout(timer)
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL')
  })
}
