import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { isTimeZone } from '../../core/domain/local-time.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { badRequest, notFound } from '../problem.js'
import { alreadyExists, inUse } from '../registry-problems.js'
import { NewSiteSchema, SitePatchSchema, SiteSchema } from '../registry-schemas.js'
import { Id, ListOf, ProblemSchema } from '../schemas.js'

const SiteParams = Type.Object({ id: Id })

function checkTimeZone(timezone: string | undefined): void {
  if (timezone !== undefined && !isTimeZone(timezone)) throw badRequest('body.timezone', `unknown IANA time zone ${JSON.stringify(timezone)}; use a name such as Asia/Shanghai or Europe/London`)
}

/** Sites: a property with its own time zone, holding buildings. Admins change them; every staff role reads them. */
export function siteRoutes(app: FastifyInstance, deps: { registry: RegistryStore }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.get(
    '/api/v1/sites',
    { config: { roles: READ_ROLES }, schema: { tags: ['registry'], summary: 'List sites', response: { 200: ListOf(SiteSchema) } } },
    async () => ({ items: await deps.registry.listSites() })
  )

  api.get(
    '/api/v1/sites/:id',
    { config: { roles: READ_ROLES }, schema: { tags: ['registry'], summary: 'One site', params: SiteParams, response: { 200: SiteSchema, 404: ProblemSchema } } },
    async (request) => {
      const site = await deps.registry.getSite(request.params.id)
      if (site === undefined) throw notFound(`site ${request.params.id}`)
      return site
    }
  )

  api.post(
    '/api/v1/sites',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['registry'],
        summary: 'Register a site',
        description: 'The id is permanent: it appears in MQTT topics and stored readings. The time zone is an IANA name; engineers’ shifts at the site are read in it.',
        body: NewSiteSchema,
        response: { 201: SiteSchema, 400: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      checkTimeZone(request.body.timezone)
      const site = { id: request.body.id, name: request.body.name, timezone: request.body.timezone }
      if ((await deps.registry.createSite(site)) === 'exists') throw alreadyExists(`site ${site.id}`, `/api/v1/sites/${site.id}`)
      return reply.code(201).send(site)
    }
  )

  api.patch(
    '/api/v1/sites/:id',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['registry'], summary: "Change a site's name or time zone", params: SiteParams, body: SitePatchSchema, response: { 200: SiteSchema, 400: ProblemSchema, 404: ProblemSchema } }
    },
    async (request) => {
      checkTimeZone(request.body.timezone)
      const current = await deps.registry.getSite(request.params.id)
      if (current === undefined) throw notFound(`site ${request.params.id}`)
      const site = { ...current, ...request.body }
      if ((await deps.registry.replaceSite(site)) === 'not_found') throw notFound(`site ${request.params.id}`)
      return site
    }
  )

  api.delete(
    '/api/v1/sites/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['registry'],
        summary: 'Delete a site',
        description: 'Refused (409, naming them) while the site has buildings or engineers working there.',
        params: SiteParams,
        response: { 204: Type.Null(), 404: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      const deleted = await deps.registry.deleteSite(request.params.id)
      if (deleted.outcome === 'not_found') throw notFound(`site ${request.params.id}`)
      if (deleted.outcome === 'in_use') throw inUse(`site ${request.params.id}`, deleted.dependents, 'delete its buildings and take the site off those engineers (PATCH /api/v1/engineers/{id}) first')
      return reply.code(204).send(null)
    }
  )
}
