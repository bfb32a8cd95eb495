import { startApiServer } from '../api/server.js'
import { startBroker } from '../broker/broker.js'
import { loadOrCreateServiceSecret, provisionMqttServiceAccounts, provisionQuickstartManager, provisionServiceApiToken, quickstartApiToken } from '../core/auth/service-provisioning.js'
import { UserAccountStore } from '../core/auth/user-accounts.js'
import type { Config } from '../core/config/config.js'
import type { Fleet } from '../core/domain/fleet.js'
import { Lifecycle } from '../core/lifecycle.js'
import type { Logger } from '../core/logger.js'
import { provideServices } from '../core/services/local-services.js'
import { createIngest } from '../ingest/main.js'
import { startRules } from '../rules/main.js'
import type { FaultSpec } from '../simulators/faults.js'
import { loadFleetFile } from '../simulators/fleet-file.js'
import { startFleetSimulator } from '../simulators/fleet-simulator.js'
import type { RunningSimulator } from '../simulators/fleet-simulator.js'
import { fleetCredentials, registerFleet, registerTeam } from './fleet-provisioning.js'
import { loadTeamFile } from '../simulators/team-file.js'
import { EngineerStore } from '../core/registry/engineer-store.js'
import { apiDeps, ingestDeps, openSharedContext, rulesDeps } from './shared-context.js'
import type { SharedContext } from './shared-context.js'

export interface StartAllOptions {
  config: Config
  logger: Logger
  /** Progress lines for the person at the terminal. */
  say: (line: string) => void
  /** Run the simulated fleet of FLEET_FILE; without it, Vigil waits for real devices. */
  simulator?: {
    faults: readonly FaultSpec[]
    faultDurationMs?: number | undefined
    intervalMs?: number | undefined
  }
}

export interface RunningVigil {
  apiUrl: string
  mqttUrl: string
  /** An admin API token to try the API with (stable for one data directory). */
  adminToken: string
  /** The password of the demo account `manager`, to sign in to the web app with; undefined once an admin changed it. */
  managerPassword: string | undefined
  context: SharedContext
  fleet: Fleet
  simulator: RunningSimulator | undefined
  close(): Promise<void>
}

/**
 * `vigil start`: every part in one process — local Redis and InfluxDB when none is configured,
 * the broker with the embedded ingest (a device's PUBACK means stored), the API, the rules engine
 * and, optionally, the simulated fleet. Closes in reverse order.
 */
export async function startAll(options: StartAllOptions): Promise<RunningVigil> {
  const { config, logger, say } = options
  const lifecycle = new Lifecycle(logger)
  try {
    const services = await provideServices({ redisUrl: config.redis.url, influxUrl: config.influx.url, dataDir: config.dataDir, say })
    lifecycle.defer('local services', () => services.stop())
    const context = await openSharedContext(config, services, lifecycle, 'all')

    const secret = await loadOrCreateServiceSecret(config.serviceSecret, config.dataDir)
    const adminToken = quickstartApiToken(secret)
    const fleet = await loadFleetFile(config.simulator.fleetFile)
    const team = await loadTeamFile(config.simulator.teamFile)
    const [managerPassword] = await Promise.all([
      provisionQuickstartManager(new UserAccountStore(context.redis, context.keys), secret),
      provisionMqttServiceAccounts(context.registry, secret),
      provisionServiceApiToken(context.tokens, secret),
      context.tokens.register(adminToken, { name: 'quickstart', role: 'admin' }),
      registerFleet(context.registry, fleet, secret)
    ])
    // Engineers name their sites, which the fleet has just registered.
    await registerTeam(new EngineerStore(context.redis, context.keys), team)

    const ingest = await createIngest(ingestDeps(config, context, logger))
    lifecycle.defer('ingest', () => ingest.close())
    const broker = await startBroker({
      registry: context.registry,
      deadLetters: context.deadLetters,
      logger: logger.child({ part: 'broker' }),
      metrics: context.metrics,
      options: { ...config.mqtt, stateRedisUrl: config.mqtt.stateRedisUrl ?? services.redisUrl },
      onTelemetry: ingest.handle
    })
    lifecycle.defer('broker', () => broker.close())

    const api = await startApiServer(apiDeps(config, context, logger), { host: config.api.host, port: config.api.port })
    lifecycle.defer('api', () => api.close())

    const rules = await startRules(rulesDeps(config, context, logger, { mqtt: broker.url, api: api.url }, secret))
    lifecycle.defer('rules', () => rules.close())

    let simulator: RunningSimulator | undefined
    if (options.simulator !== undefined) {
      simulator = await startFleetSimulator(fleet, {
        brokerUrl: broker.url,
        intervalMs: options.simulator.intervalMs ?? config.simulator.intervalMs,
        credentials: fleetCredentials(fleet, secret),
        faults: options.simulator.faults,
        ...(options.simulator.faultDurationMs === undefined ? {} : { faultDurationMs: options.simulator.faultDurationMs }),
        logger: logger.child({ part: 'simulator' })
      })
      const running = simulator
      lifecycle.defer('simulator', () => running.close())
    }

    return { apiUrl: api.url, mqttUrl: broker.url, adminToken, managerPassword, context, fleet, simulator, close: () => lifecycle.closeAll() }
  } catch (error) {
    await lifecycle.closeAll()
    throw error
  }
}
