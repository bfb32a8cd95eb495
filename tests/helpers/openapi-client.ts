interface Schema {
  type?: string
  examples?: unknown[]
  enum?: unknown[]
  const?: unknown
  default?: unknown
  anyOf?: Schema[]
  properties?: Record<string, Schema>
}
interface Operation {
  summary?: string
  requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }> }
}

/** What a reader copies from a schema: its example, else its first choice, else one built from its fields' examples. */
function exampleOf(schema: Schema | undefined): unknown {
  if (schema === undefined) return undefined
  if (schema.examples !== undefined) return schema.examples[0]
  if (schema.const !== undefined) return schema.const
  if (schema.enum !== undefined) return schema.enum[0]
  if (schema.default !== undefined) return schema.default
  if (schema.anyOf !== undefined) return exampleOf(schema.anyOf[0])
  if (schema.type === 'boolean') return true
  if (schema.properties === undefined) return undefined
  return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, exampleOf(property)]))
}

export interface OpenApiClient {
  /** Fails the walk when the document does not list the operation. */
  documented: (method: string, path: string) => void
  /** The document's own example body for an operation. */
  exampleBody: (method: string, path: string) => Record<string, unknown>
  /** Calls an operation the document lists, filling `{param}`s of its path. */
  send: (token: string, method: string, template: string, params: Record<string, string>, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> }>
}

/**
 * A newcomer with the OpenAPI page and nothing else: every call goes to an operation the
 * document lists, and bodies start from the document's own examples.
 */
export async function openApiClient(baseUrl: string): Promise<OpenApiClient> {
  const { paths } = (await (await fetch(`${baseUrl}/docs/json`)).json()) as { paths: Record<string, Record<string, Operation>> }
  const operation = (method: string, path: string): Operation => {
    const found = paths[path]?.[method.toLowerCase()]
    if (found === undefined) throw new Error(`${method} ${path} is not in the OpenAPI document`)
    return found
  }
  return {
    documented: (method, path) => void operation(method, path),
    exampleBody: (method, path) => {
      const media = operation(method, path).requestBody?.content?.['application/json']
      const example = media?.example ?? Object.values(media?.examples ?? {})[0]?.value ?? exampleOf(media?.schema)
      if (example === undefined) throw new Error(`${method} ${path} shows no example body`)
      return example as Record<string, unknown>
    },
    send: async (token, method, template, params, body) => {
      operation(method, template.split('?')[0] ?? template)
      const url = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`)
      const response = await fetch(`${baseUrl}${url}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    }
  }
}
