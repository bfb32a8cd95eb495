import { setTimeout as sleep } from 'node:timers/promises'

export interface WaitOptions {
  timeoutMs: number
  intervalMs: number
  /** What we wait for, for the error message. */
  what: string
  /** Stop waiting at once if this settles (the process we wait for has died). */
  exited?: Promise<void>
}

/**
 * Polls `check` until it returns true. Used only where nothing can be awaited instead: a server
 * we started announces readiness on no channel but its port.
 */
export async function waitUntil(check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  let dead = false
  void options.exited?.then(() => {
    dead = true
  })
  const deadline = Date.now() + options.timeoutMs
  while (Date.now() < deadline) {
    if (dead) throw new Error(`Gave up waiting for ${options.what}: the process exited`)
    if (await check()) return
    await sleep(options.intervalMs)
  }
  throw new Error(`Gave up waiting for ${options.what} after ${options.timeoutMs} ms`)
}
