import type { AddressInfo } from 'node:net'
import { buildApp } from './app.js'
import type { ApiDeps } from './app.js'

export interface RunningApi {
  url: string
  close(): Promise<void>
}

/** Builds the app and listens; close() stops taking requests and lets the ones in flight finish. */
export async function startApiServer(deps: ApiDeps, listen: { host: string; port: number }): Promise<RunningApi> {
  const app = await buildApp(deps)
  await app.listen({ host: listen.host, port: listen.port })
  const { port } = app.server.address() as AddressInfo
  const host = listen.host === '0.0.0.0' || listen.host === '::' ? '127.0.0.1' : listen.host
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  deps.logger.info({ url }, 'API listening')
  return { url, close: () => app.close() }
}
