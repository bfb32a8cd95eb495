import type { Logger } from './logger.js'

interface Closer {
  name: string
  close: () => Promise<void> | void
}

/**
 * What a process opened, closed in reverse order: simulators before the broker they talk to,
 * ingest's last flush before InfluxDB and Redis go away.
 */
export class Lifecycle {
  private readonly closers: Closer[] = []
  private closing: Promise<void> | undefined

  constructor(private readonly logger: Logger) {}

  defer(name: string, close: () => Promise<void> | void): void {
    this.closers.push({ name, close })
  }

  /** Idempotent: a second Ctrl-C waits for the same shutdown. */
  closeAll(timeoutMs = 15_000): Promise<void> {
    this.closing ??= this.run(timeoutMs)
    return this.closing
  }

  private async run(timeoutMs: number): Promise<void> {
    while (this.closers.length > 0) {
      const closer = this.closers.pop() as Closer
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          Promise.resolve(closer.close()),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`did not close within ${timeoutMs} ms`)), timeoutMs)
          })
        ])
      } catch (error) {
        this.logger.warn({ err: error, part: closer.name }, 'error while closing')
      } finally {
        clearTimeout(timer)
      }
    }
  }
}
