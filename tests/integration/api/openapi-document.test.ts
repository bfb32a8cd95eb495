import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../api/app.js'
import { testApiDeps } from '../../helpers/test-api.js'
import { testRedis } from '../../helpers/test-services.js'
import type { TestRedis } from '../../helpers/test-services.js'

interface Schema {
  type?: string | string[]
  properties?: Record<string, Schema>
  items?: Schema
  examples?: unknown[]
  example?: unknown
  enum?: unknown[]
  const?: unknown
  anyOf?: Schema[]
  oneOf?: Schema[]
  default?: unknown
}
interface Operation {
  summary?: string
  tags?: string[]
  requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown; examples?: unknown }> }
  parameters?: { in: string; name: string; schema?: Schema; example?: unknown; examples?: unknown }[]
}

/** A value a reader can copy: an example, a fixed set of choices, a yes/no, or a default. */
function shown(schema: Schema | undefined): boolean {
  if (schema === undefined) return false
  if (schema.examples !== undefined || schema.example !== undefined || schema.enum !== undefined || schema.const !== undefined || schema.default !== undefined) return true
  if (schema.type === 'boolean') return true
  const variants = schema.anyOf ?? schema.oneOf
  if (variants !== undefined) return variants.every((variant) => shown(variant))
  if (schema.type === 'object' && schema.properties !== undefined) return Object.values(schema.properties).every((property) => shown(property))
  if (schema.type === 'array' && schema.items !== undefined) return shown(schema.items)
  return false
}

/** What a newcomer with only the OpenAPI page would miss on one operation. */
function gaps(method: string, path: string, operation: Operation): string[] {
  const where = `${method.toUpperCase()} ${path}`
  const found: string[] = []
  if ((operation.summary ?? '').trim() === '') found.push(`${where}: no summary`)
  if ((operation.tags ?? []).length === 0) found.push(`${where}: no tag`)
  for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
    if (media.example === undefined && media.examples === undefined && !shown(media.schema)) found.push(`${where}: ${type} body without examples`)
  }
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === 'path' && parameter.example === undefined && parameter.examples === undefined && !shown(parameter.schema)) found.push(`${where}: path parameter ${parameter.name} without an example`)
  }
  return found
}

describe('the OpenAPI document', () => {
  let redis: TestRedis
  let app: FastifyInstance

  beforeAll(async () => {
    redis = testRedis()
    app = await buildApp({
      ...(await testApiDeps(redis)),
    })
  })
  afterAll(async () => {
    await app.close()
    await redis.close()
  })

  it('describes every route with a summary, a tag and examples of what to send', async () => {
    const document = (await app.inject('/docs/json')).json<{ paths: Record<string, Record<string, Operation>> }>()
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))
    // Every route the app serves under /api and the public pages is in the document.
    expect(operations.length).toBeGreaterThan(60)
    expect(operations.flatMap(({ method, path, operation }) => gaps(method, path, operation))).toEqual([])
  })
})
