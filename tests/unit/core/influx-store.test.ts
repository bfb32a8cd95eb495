import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { InfluxWriteError, connectInflux, majorVersionOf } from '../../../core/influx/influx-store.js'

/**
 * InfluxDB 2.x and 3.x are not installable on this machine, so their request shapes are checked
 * against a stand-in HTTP server that records what it is sent. 1.x is tested against a real
 * influxd in tests/integration/core/influx-store.test.ts.
 */
interface Seen {
  method: string
  url: string
  authorization: string | undefined
  body: string
}

let server: http.Server | undefined
afterEach(async () => {
  const running = server
  server = undefined
  if (running === undefined) return
  running.closeAllConnections()
  await new Promise((resolve) => running.close(resolve))
})

async function standIn(version: string, writeStatus = 204): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = []
  server = http.createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body })
      response.setHeader('x-influxdb-version', version)
      if (request.url?.startsWith('/ping')) return response.writeHead(204).end()
      if (request.url?.includes('write')) return response.writeHead(writeStatus, { 'content-type': 'application/json' }).end(writeStatus === 204 ? '' : '{"error":"boom"}')
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"results":[{"statement_id":0}]}')
    })
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server?.address() as AddressInfo).port}`, seen }
}

describe('connectInflux', () => {
  it.each([
    ['1.6.7~rc0', 1],
    ['1.8.10', 1],
    ['v2.7.4', 2],
    ['3.0.1', 3],
    ['', undefined],
    ['banana', undefined]
  ])('reads major version %j as %j', (text, major) => expect(majorVersionOf(text)).toBe(major))

  it('writes to /api/v2/write with org, bucket and a token on 2.x', async () => {
    const { url, seen } = await standIn('v2.7.4')
    const store = await connectInflux({ url, token: 'secret', database: 'vigil', org: 'acme', version: 'auto' })
    expect(store.version).toBe(2)
    await store.writeLines(['m a=1 1', 'm a=2 2'])
    const write = seen.find((s) => s.url.includes('write'))
    expect(write).toMatchObject({ method: 'POST', url: '/api/v2/write?org=acme&bucket=vigil&precision=ms', authorization: 'Token secret', body: 'm a=1 1\nm a=2 2' })
  })

  it('writes to /api/v2/write with the database as bucket on 3.x and queries InfluxQL on /query', async () => {
    const { url, seen } = await standIn('3.0.1')
    const store = await connectInflux({ url, token: 't', database: 'vigil', org: '', version: 'auto' })
    await store.writeLines(['m a=1 1'])
    await store.query('SELECT 1')
    expect(seen.map((s) => s.url)).toEqual(expect.arrayContaining(['/api/v2/write?bucket=vigil&precision=ms', '/query?db=vigil&epoch=ms&q=SELECT%201']))
  })

  it('uses /write and Basic auth for user:password on 1.x', async () => {
    const { url, seen } = await standIn('1.6.7~rc0')
    const store = await connectInflux({ url, token: 'admin:pw', database: 'vigil', org: '', version: 'auto' })
    await store.writeLines(['m a=1 1'])
    expect(seen.find((s) => s.url.includes('write'))).toMatchObject({ url: '/write?db=vigil&precision=ms', authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}` })
  })

  it('does not ask the server when the version is configured', async () => {
    const store = await connectInflux({ url: 'http://127.0.0.1:1', token: '', database: 'x', org: '', version: '1' })
    expect(store.version).toBe(1)
  })

  it.each([
    [503, false],
    [500, false],
    [401, false],
    [404, false],
    [429, false],
    [400, true],
    [413, true],
    [422, true]
  ])('classifies a %d answer to a write as permanent=%s', async (status, permanent) => {
    const { url } = await standIn('1.6.7', status)
    const failing = await connectInflux({ url, token: '', database: 'x', org: '', version: 'auto' })
    await expect(failing.writeLines(['m a=1 1'])).rejects.toMatchObject({ name: 'InfluxWriteError', status, permanent })
  })

  it('classifies an unreachable server as transient', async () => {
    const unreachable = await connectInflux({ url: 'http://127.0.0.1:1', token: '', database: 'x', org: '', version: '1', timeoutMs: 1000 })
    const error = await unreachable.writeLines(['m a=1 1']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InfluxWriteError)
    expect(error).toMatchObject({ status: undefined, permanent: false })
  })
})
