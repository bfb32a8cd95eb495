import { randomBytes } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { GENERATED_SECRET_COST, hashPassword } from '../../core/auth/password-hash.js'
import type { RegistryStore } from '../../core/registry/registry-store.js'
import { READ_ROLES } from '../auth.js'
import { badRequest, notFound } from '../problem.js'
import { alreadyExists } from '../registry-problems.js'
import { CreatedDeviceSchema, NewDeviceSchema } from '../registry-schemas.js'
import { DeviceCredentialsSchema, DeviceSchema, Id, ListOf, ProblemSchema } from '../schemas.js'

/** 192 random bits, base64url: shown once, stored as an scrypt hash. */
const newDevicePassword = (): string => randomBytes(24).toString('base64url')

export function deviceRoutes(app: FastifyInstance, deps: { registry: RegistryStore; now: () => number }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const publicView = ({ id, equipmentId, siteId, buildingId, equipmentType }: { id: string; equipmentId: string; siteId: string; buildingId: string; equipmentType: 'elevator' | 'pump' | 'fire_system' }) => ({
    id,
    equipmentId,
    siteId,
    buildingId,
    equipmentType
  })

  api.get(
    '/api/v1/devices',
    {
      config: { roles: READ_ROLES },
      schema: {
        tags: ['devices'],
        summary: 'List devices',
        querystring: Type.Object({ equipmentId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: ListOf(DeviceSchema), 400: ProblemSchema }
      }
    },
    async (request) => {
      const devices = await deps.registry.listDevices()
      return {
        items: devices
          .filter((d) => request.query.equipmentId === undefined || d.equipmentId === request.query.equipmentId)
          .sort((a, b) => a.id.localeCompare(b.id))
          .map(publicView)
      }
    }
  )

  api.get(
    '/api/v1/devices/:id',
    { config: { roles: READ_ROLES }, schema: { tags: ['devices'], summary: 'One device', params: Type.Object({ id: Id }), response: { 200: DeviceSchema, 404: ProblemSchema } } },
    async (request) => {
      const device = await deps.registry.getDevice(request.params.id)
      if (device === undefined) throw notFound(`device ${request.params.id}`)
      return publicView(device)
    }
  )

  api.post(
    '/api/v1/devices',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['devices'],
        summary: 'Register a device and issue its MQTT credentials',
        description:
          'The device is attached to existing equipment and may then publish under `sites/{siteId}/devices/{id}/`, logging in with its id as username and client id. ' +
          'The password is generated, returned this once, and kept only as an scrypt hash; rotate it with `POST /api/v1/devices/{id}/credentials`.',
        body: NewDeviceSchema,
        response: { 201: CreatedDeviceSchema, 400: ProblemSchema, 409: ProblemSchema }
      }
    },
    async (request, reply) => {
      const { id, equipmentId } = request.body
      if (id.startsWith('vigil-')) throw badRequest('body.id', 'ids starting with vigil- belong to Vigil\'s own services; choose another')
      const equipment = await deps.registry.getEquipment(equipmentId)
      if (equipment === undefined) throw badRequest('body.equipmentId', `equipment ${equipmentId} does not exist; register it first with POST /api/v1/equipment`)
      const password = newDevicePassword()
      const device = { id, equipmentId, siteId: equipment.siteId, buildingId: equipment.buildingId, equipmentType: equipment.type }
      const outcome = await deps.registry.createDevice({ ...device, passwordHash: await hashPassword(password, GENERATED_SECRET_COST) })
      if (outcome === 'exists') throw alreadyExists(`device ${id}`, `/api/v1/devices/${id}`)
      if (outcome === 'no_parent') throw badRequest('body.equipmentId', `equipment ${equipmentId} does not exist; register it first with POST /api/v1/equipment`)
      reply.header('cache-control', 'no-store')
      return reply.code(201).send({ device, credentials: { deviceId: id, username: id, password, rotatedAt: new Date(deps.now()).toISOString() } })
    }
  )

  api.delete(
    '/api/v1/devices/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['devices'],
        summary: 'Delete a device',
        description: 'Its credentials stop working at its next connect; readings it already sent stay stored. Messages it still sends are dead-lettered as unknown_device.',
        params: Type.Object({ id: Id }),
        response: { 204: Type.Null(), 404: ProblemSchema }
      }
    },
    async (request, reply) => {
      const device = await deps.registry.getDevice(request.params.id)
      if (device === undefined) throw notFound(`device ${request.params.id}`)
      if ((await deps.registry.deleteDevice(device)).outcome === 'not_found') throw notFound(`device ${request.params.id}`)
      return reply.code(204).send(null)
    }
  )

  api.post(
    '/api/v1/devices/:id/credentials',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['devices'],
        summary: "Rotate a device's MQTT password",
        description: 'Makes a new random password, stores only its scrypt hash, and returns it once. The old password stops working at the next connect.',
        params: Type.Object({ id: Id }),
        response: { 201: DeviceCredentialsSchema, 404: ProblemSchema }
      }
    },
    async (request, reply) => {
      const device = await deps.registry.getDevice(request.params.id)
      if (device === undefined) throw notFound(`device ${request.params.id}`)
      const password = newDevicePassword()
      await deps.registry.putDevice({ ...device, passwordHash: await hashPassword(password, GENERATED_SECRET_COST) })
      reply.header('cache-control', 'no-store')
      return reply.code(201).send({ deviceId: device.id, username: device.id, password, rotatedAt: new Date(deps.now()).toISOString() })
    }
  )
}
