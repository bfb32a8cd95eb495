/**
 * Holds new publishes back while the broker holds too many undelivered messages: each waiting
 * publish gets no PUBACK (and aedes reads nothing more from its connection) until the count is
 * below 90 % of the bound. A device keeps what it could not deliver; nothing the broker has
 * acknowledged is ever dropped to make room.
 */
export class PublishGate {
  private count = 0
  private waiting: { promise: Promise<void>; open: () => void } | undefined

  constructor(
    private readonly bound: number,
    private readonly events: { closed(count: number): void; opened(count: number): void }
  ) {}

  get queued(): number {
    return this.count
  }

  get isClosed(): boolean {
    return this.waiting !== undefined
  }

  change(delta: number): void {
    this.count = Math.max(0, this.count + delta)
    if (this.waiting === undefined && this.count >= this.bound) {
      let open = (): void => undefined
      const promise = new Promise<void>((resolve) => {
        open = resolve
      })
      this.waiting = { promise, open }
      this.events.closed(this.count)
    } else if (this.waiting !== undefined && this.count < 0.9 * this.bound) {
      const { open } = this.waiting
      this.waiting = undefined
      this.events.opened(this.count)
      open()
    }
  }

  /** Undefined when a publish may go on now; else a promise that settles when it may. */
  wait(): Promise<void> | undefined {
    return this.waiting?.promise
  }
}
