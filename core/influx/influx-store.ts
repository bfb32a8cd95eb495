import { HttpError, InfluxDB } from '@influxdata/influxdb-client'
import type { Transport } from '@influxdata/influxdb-client'
import type { InfluxVersionSetting } from '../config/config.js'

export type InfluxMajorVersion = 1 | 2 | 3

export interface InfluxConnection {
  url: string
  token: string
  database: string
  org: string
  version: InfluxVersionSetting
  /** Socket timeout of one HTTP call, in milliseconds. */
  timeoutMs?: number
  /** How long the database keeps points (set by ensureDatabase); unset: the server's default (forever). */
  retentionMs?: number | undefined
}

/** One InfluxQL series: `values[i][j]` is the value of `columns[j]` in row i. */
export interface InfluxSeries {
  name: string
  tags?: Record<string, string>
  columns: string[]
  values: unknown[][]
}

/**
 * A write the server refused. `permanent` means the lines themselves are at fault and sending
 * them again cannot succeed (400 bad line or type conflict, 413 too large, 422 outside retention):
 * split the batch to find them. Everything else — 5xx, timeouts, and also 401/403/404, which an
 * operator fixes (token, missing database) — is transient: the data waits, it is not thrown away.
 */
export class InfluxWriteError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly permanent: boolean
  ) {
    super(message)
    this.name = 'InfluxWriteError'
  }
}

/** The InfluxDB port: what ingest, rules and the API need, whatever the server's major version. */
export interface InfluxStore {
  readonly version: InfluxMajorVersion
  readonly database: string
  /** What /ping said at connect (empty when the version was configured instead). */
  readonly serverVersion: string
  /** Resolves only when the server answered 2xx: the lines are stored. */
  writeLines(lines: readonly string[]): Promise<void>
  query(influxql: string): Promise<InfluxSeries[]>
  ping(): Promise<string>
  /** Creates the database (bucket) if missing and sets its retention when one is configured. */
  ensureDatabase(): Promise<void>
  /** The same server and credentials, another database (the rollups'). */
  forDatabase(database: string, retentionMs?: number): InfluxStore
}

/** Reads the server's version from `/ping` (header `X-Influxdb-Version`). */
export async function pingInflux(url: string, timeoutMs = 5000): Promise<string> {
  const response = await fetch(new URL('/ping', url), { signal: AbortSignal.timeout(timeoutMs) })
  await response.body?.cancel()
  if (response.status >= 300) throw new Error(`InfluxDB at ${url} answered /ping with ${response.status}`)
  return response.headers.get('x-influxdb-version') ?? ''
}

export function majorVersionOf(serverVersion: string): InfluxMajorVersion | undefined {
  const match = /^v?(\d+)\./.exec(serverVersion.trim())
  const major = match ? Number(match[1]) : Number.NaN
  return major === 1 || major === 2 || major === 3 ? major : undefined
}

/**
 * Connects to InfluxDB 1.x, 2.x or 3.x. Writes go through the client's HTTP transport to
 * `/write` (1.x, which has no v2 API before 1.8) or `/api/v2/write` (2.x, 3.x), and are awaited
 * one by one: the client's WriteApi buffers and retries in memory and then drops, which is not
 * what "acknowledged means stored" can rest on. Reads use InfluxQL over `/query` on every version.
 */
export async function connectInflux(connection: InfluxConnection): Promise<InfluxStore> {
  // With the version configured there is nothing to ask the server: start even while it is down,
  // and let writes wait for it (ingest retries them).
  const serverVersion = connection.version === 'auto' ? await pingInflux(connection.url) : ''
  const version = connection.version === 'auto' ? majorVersionOf(serverVersion) : (Number(connection.version) as InfluxMajorVersion)
  if (version === undefined) {
    throw new Error(`Cannot tell the InfluxDB version at ${connection.url} (/ping said ${JSON.stringify(serverVersion)}): set INFLUX_VERSION to 1, 2 or 3`)
  }
  const transport = new InfluxDB({ url: connection.url, timeout: connection.timeoutMs ?? 30_000 }).transport
  return new HttpInfluxStore(transport, connection, version, serverVersion)
}

class HttpInfluxStore implements InfluxStore {
  private readonly authHeaders: Record<string, string>
  private readonly writePath: string

  constructor(
    private readonly transport: Transport,
    private readonly connection: InfluxConnection,
    readonly version: InfluxMajorVersion,
    readonly serverVersion: string
  ) {
    this.authHeaders = authorizationHeaders(connection.token, version)
    const db = encodeURIComponent(connection.database)
    this.writePath =
      version === 1
        ? `/write?db=${db}&precision=ms`
        : version === 2
          ? `/api/v2/write?org=${encodeURIComponent(connection.org)}&bucket=${db}&precision=ms`
          : `/api/v2/write?bucket=${db}&precision=ms`
  }

  get database(): string {
    return this.connection.database
  }

  forDatabase(database: string, retentionMs?: number): InfluxStore {
    return new HttpInfluxStore(this.transport, { ...this.connection, database, retentionMs }, this.version, this.serverVersion)
  }

  async writeLines(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return
    try {
      await this.transport.request(this.writePath, lines.join('\n'), {
        method: 'POST',
        headers: { ...this.authHeaders, 'content-type': 'text/plain; charset=utf-8' }
      })
    } catch (error) {
      const writeError = toWriteError(error)
      // The database was dropped or never made: make it, so the retry can succeed.
      if (writeError.status === 404) await this.ensureDatabase().catch(() => undefined)
      throw writeError
    }
  }

  async query(influxql: string): Promise<InfluxSeries[]> {
    const path = `/query?db=${encodeURIComponent(this.connection.database)}&epoch=ms&q=${encodeURIComponent(influxql)}`
    const body = (await this.transport.request(path, '', { method: 'GET', headers: this.authHeaders })) as QueryResponse
    const result = body.results?.[0]
    if (result?.error) throw new Error(`InfluxQL error: ${result.error}`)
    return result?.series ?? []
  }

  async ping(): Promise<string> {
    return pingInflux(this.connection.url)
  }

  async ensureDatabase(): Promise<void> {
    const name = this.connection.database
    const retentionMs = this.connection.retentionMs
    if (this.version === 1) {
      await this.influxql(`CREATE DATABASE ${quoteIdentifier(name)}`)
      if (retentionMs !== undefined) {
        // Retention policies count in whole hours, at least one.
        const hours = Math.max(1, Math.round(retentionMs / 3_600_000))
        await this.influxql(`ALTER RETENTION POLICY "autogen" ON ${quoteIdentifier(name)} DURATION ${hours}h DEFAULT`)
      }
      return
    }
    if (this.version === 2) {
      await this.ensureBucket(name, retentionMs)
      return
    }
    // 3.x: creating an existing database answers 409, which is what we want.
    try {
      const body = retentionMs === undefined ? { db: name } : { db: name, retention_period: `${Math.max(1, Math.round(retentionMs / 3_600_000))}h` }
      await this.transport.request('/api/v3/configure/database', body, {
        method: 'POST',
        headers: { ...this.authHeaders, 'content-type': 'application/json' }
      })
    } catch (error) {
      if (!(error instanceof HttpError && error.statusCode === 409)) throw error
    }
  }

  private async influxql(statement: string): Promise<void> {
    await this.transport.request(`/query?q=${encodeURIComponent(statement)}`, '', { method: 'POST', headers: this.authHeaders })
  }

  private async ensureBucket(name: string, retentionMs: number | undefined): Promise<void> {
    const org = encodeURIComponent(this.connection.org)
    const json = { ...this.authHeaders, 'content-type': 'application/json' }
    const retentionRules = retentionMs === undefined ? [] : [{ type: 'expire', everySeconds: Math.round(retentionMs / 1000) }]
    const found = (await this.transport.request(`/api/v2/buckets?org=${org}&name=${encodeURIComponent(name)}`, '', {
      method: 'GET',
      headers: this.authHeaders
    })) as { buckets?: { id: string }[] }
    const existing = found.buckets?.[0]
    if (existing !== undefined) {
      if (retentionMs !== undefined) await this.transport.request(`/api/v2/buckets/${existing.id}`, { retentionRules }, { method: 'PATCH', headers: json })
      return
    }
    const orgs = (await this.transport.request(`/api/v2/orgs?org=${org}`, '', { method: 'GET', headers: this.authHeaders })) as {
      orgs?: { id: string }[]
    }
    const orgId = orgs.orgs?.[0]?.id
    if (orgId === undefined) throw new Error(`InfluxDB organisation ${this.connection.org} does not exist: create it or set INFLUX_ORG`)
    await this.transport.request('/api/v2/buckets', { orgID: orgId, name, retentionRules }, { method: 'POST', headers: json })
  }
}

interface QueryResponse {
  results?: { statement_id?: number; series?: InfluxSeries[]; error?: string }[]
}

/** 1.x takes `user:password` as Basic auth; 2.x and 3.x take an API token. */
function authorizationHeaders(token: string, version: InfluxMajorVersion): Record<string, string> {
  if (token === '') return {}
  if (version === 1 && token.includes(':')) return { authorization: `Basic ${Buffer.from(token).toString('base64')}` }
  return { authorization: `Token ${token}` }
}

function toWriteError(error: unknown): InfluxWriteError {
  if (error instanceof HttpError) {
    const status = error.statusCode
    const permanent = status === 400 || status === 413 || status === 422
    return new InfluxWriteError(`InfluxDB refused the write (${status}): ${(error.body ?? error.message).slice(0, 500)}`, status, permanent)
  }
  return new InfluxWriteError(`InfluxDB write failed: ${(error as Error).message}`, undefined, false)
}

/** InfluxQL identifier in double quotes. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** InfluxQL string literal in single quotes. */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}
