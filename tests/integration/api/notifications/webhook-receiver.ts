import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
  status: number
}

/**
 * A local webhook receiver on 127.0.0.1: answers each path with the statuses queued for it (then
 * 200), records every request, and lets a test await the n-th request to a path instead of sleeping.
 */
export class WebhookReceiver {
  readonly received: ReceivedRequest[] = []
  private readonly scripted = new Map<string, number[]>()
  private readonly waiters: { path: string; count: number; resolve: () => void }[] = []
  private readonly server: Server
  private onRequest: ((request: ReceivedRequest) => void) | undefined

  private constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://receiver')
        const status = this.scripted.get(url.pathname)?.shift() ?? 200
        const received = { path: url.pathname, query: url.searchParams, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status }
        this.received.push(received)
        response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"errcode":0,"errmsg":"ok"}' : '{"error":"try later"}')
        this.onRequest?.(received)
        for (const waiter of [...this.waiters]) {
          if (this.to(waiter.path).length >= waiter.count) {
            this.waiters.splice(this.waiters.indexOf(waiter), 1)
            waiter.resolve()
          }
        }
      })
    })
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver()
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve))
    return receiver
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`
  }

  /** The next requests to `path` are answered with these statuses, in order. */
  answer(path: string, ...statuses: number[]): void {
    this.scripted.set(path, statuses)
  }

  /** Called on every request, after it is answered. */
  watch(callback: (request: ReceivedRequest) => void): void {
    this.onRequest = callback
  }

  to(path: string): ReceivedRequest[] {
    return this.received.filter((request) => request.path === path)
  }

  /** Resolves once `count` requests to `path` have arrived. */
  async requests(path: string, count: number): Promise<ReceivedRequest[]> {
    if (this.to(path).length < count) await new Promise<void>((resolve) => this.waiters.push({ path, count, resolve }))
    return this.to(path)
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
