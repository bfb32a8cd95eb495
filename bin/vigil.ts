#!/usr/bin/env node
import { startApiServer } from '../api/server.js'
import { startBroker } from '../broker/broker.js'
import { API_ROLES, ApiTokenStore } from '../core/auth/api-tokens.js'
import type { ApiRole } from '../core/auth/api-tokens.js'
import { serviceUsername } from '../core/auth/service-credentials.js'
import { QUICKSTART_MANAGER, mqttServicePassword, provisionMqttServiceAccounts, provisionServiceApiToken } from '../core/auth/service-provisioning.js'
import { USER_ROLES, UserAccountStore, newAccountProblem } from '../core/auth/user-accounts.js'
import type { NewUserAccount, UserRole } from '../core/auth/user-accounts.js'
import { EngineerStore } from '../core/registry/engineer-store.js'
import { loadConfig } from '../core/config/config.js'
import type { Config } from '../core/config/config.js'
import { ConfigError } from '../core/config/env-reader.js'
import { Lifecycle } from '../core/lifecycle.js'
import { createLogger } from '../core/logger.js'
import type { Logger } from '../core/logger.js'
import { createRedis } from '../core/redis/redis-connection.js'
import { redisKeys } from '../core/redis/redis-keys.js'
import { ServicesUnavailableError, provideServices } from '../core/services/local-services.js'
import { startMetricsServer } from '../core/metrics/metrics-server.js'
import type { TelemetryHandler } from '../core/telemetry/telemetry-handler.js'
import { createIngest } from '../ingest/main.js'
import { startMqttIngest } from '../ingest/mqtt-ingest.js'
import { RuleFileError } from '../rules/load-rule-book.js'
import { startRules } from '../rules/main.js'
import { runReplayCommand } from '../rules/replay/replay-command.js'
import { ReplayInputError } from '../rules/replay/replay-input-error.js'
import { parseSimulatorArgs, formatFaultList } from '../simulators/cli-options.js'
import { loadFleetFile } from '../simulators/fleet-file.js'
import { startFleetSimulator } from '../simulators/fleet-simulator.js'
import { fleetCredentials, registerFleet } from './fleet-provisioning.js'
import { apiDeps, ingestDeps, openSharedContext, rulesDeps } from './shared-context.js'
import { startAll } from './start-all.js'

const USAGE = `Usage: vigil <command> [options]

  start      everything in one process with a simulated fleet (what npm start runs)
             --fault KIND:EQUIPMENT_ID   start a simulated fault (repeatable)
             --fault-duration 90s        time the fault takes to reach full severity
             --interval-ms N             between two readings of a simulated device
             --no-simulator              run without the simulated fleet
             --list-faults               list the fault kinds and exit
  broker     the MQTT broker with the embedded ingest (PUBACK = stored)
  ingest     ingest as an MQTT client of another broker (MQTT_URL)
  rules      the rules engine
  api        the REST API
  simulate   register the simulated fleet and run it against MQTT_URL (same options as start)
  token create --role ROLE --name NAME [--ttl-days N]
             issue an API token (shown once; stored as a SHA-256): roles admin, manager,
             engineer, requester, service
  user add USERNAME --role ROLE [--engineer ID] [--name NAME]   < password
             add a person who signs in with a username and the password read from standard
             input: roles admin, manager, engineer (with --engineer), requester
  replay FILE.csv [--rules PATH] [--type TYPE] [--equipment ID] [--sep CHAR] [--time-col NAME] [--out FILE]
             run the rules offline over a CSV and write the alerts they raise as JSON lines
             (vigil replay --help for details); needs no Redis, InfluxDB or broker

Configuration is read from the environment; see README.md. The split commands need
REDIS_URL, INFLUX_URL and VIGIL_SERVICE_SECRET.`

type Stop = () => Promise<void>

async function main(argv: readonly string[]): Promise<void> {
  const [command = 'help', ...args] = argv
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE)
    return
  }
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  const say = (line: string): void => console.log(`vigil: ${line}`)

  let stop: Stop
  switch (command) {
    case 'start':
      stop = await runStart(config, logger, say, args)
      break
    case 'token':
      await createToken(config, say, args)
      return
    case 'user':
      await addUser(config, say, args)
      return
    case 'replay':
      await runReplayCommand(args, {
        stdout: process.stdout,
        stderr: process.stderr,
        rulesDir: config.rules.dir,
        lifecycle: config.rules.lifecycle,
        // Standard output carries the alerts: logs go to standard error, warnings only unless LOG_LEVEL says otherwise.
        logger: createLogger(process.env.LOG_LEVEL === undefined ? 'warn' : config.logLevel, process.stderr)
      })
      return
    case 'broker':
    case 'ingest':
    case 'rules':
    case 'api':
    case 'simulate':
      stop = await runPart(command, config, logger, say, args)
      break
    default:
      throw new UsageError(`unknown command ${command}\n\n${USAGE}`)
  }
  if (stop === noop) return
  let stopping = false
  const shutdown = (signal: string): void => {
    if (stopping) {
      say(`${signal} again: exiting without waiting`)
      process.exit(1)
    }
    stopping = true
    say(`${signal}: stopping (Ctrl-C again to force)`)
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping')
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

const noop: Stop = () => Promise.resolve()

async function runStart(config: Config, logger: Logger, say: (line: string) => void, args: readonly string[]): Promise<Stop> {
  const noSimulator = args.includes('--no-simulator')
  const options = simulatorArgs(args.filter((arg) => arg !== '--no-simulator'))
  if (options.listFaults) {
    console.log(formatFaultList(await loadFleetFile(config.simulator.fleetFile)))
    return noop
  }
  const vigil = await startAll({
    config,
    logger,
    say,
    ...(noSimulator ? {} : { simulator: { faults: options.faults, faultDurationMs: options.faultDurationMs, intervalMs: options.intervalMs } })
  })
  const faults = options.faults.map((f) => `${f.kind} on ${f.equipmentId}`).join(', ')
  console.log(
    [
      '',
      'Vigil is running.',
      `  Web       ${vigil.apiUrl}/   (sign in as ${QUICKSTART_MANAGER}, or with the token below)`,
      vigil.managerPassword === undefined
        ? `  Sign in   ${QUICKSTART_MANAGER}   (role manager; its password was changed, so it is not shown)`
        : `  Sign in   ${QUICKSTART_MANAGER} / ${vigil.managerPassword}   (role manager)`,
      `  API       ${vigil.apiUrl}   (OpenAPI: ${vigil.apiUrl}/docs)`,
      `  MQTT      ${vigil.mqttUrl}`,
      `  Token     ${vigil.adminToken}   (role admin)`,
      `  Fleet     ${noSimulator ? 'not simulated (--no-simulator)' : `${vigil.fleet.devices.length} simulated devices${faults === '' ? '' : `; fault: ${faults}`}`}`,
      '  Try       curl -H "Authorization: Bearer ' + vigil.adminToken + '" ' + `${vigil.apiUrl}/api/v1/work-orders`,
      'Press Ctrl-C to stop.',
      ''
    ].join('\n')
  )
  return () => vigil.close()
}

async function createToken(config: Config, say: (line: string) => void, args: readonly string[]): Promise<void> {
  const flag = (name: string): string | undefined => {
    const at = args.indexOf(name)
    return at < 0 ? undefined : args[at + 1]
  }
  const role = flag('--role')
  const name = flag('--name')
  const ttlDays = flag('--ttl-days')
  if (args[0] !== 'create' || role === undefined || name === undefined) throw new UsageError('usage: vigil token create --role ROLE --name NAME [--ttl-days N]')
  if (!(API_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role ${role}: expected one of ${API_ROLES.join(', ')}`)
  if (ttlDays !== undefined && !/^\d+$/.test(ttlDays)) throw new UsageError(`--ttl-days ${ttlDays}: expected a whole number of days`)
  const lifecycle = new Lifecycle(createLogger('warn'))
  try {
    const services = await provideServices({ redisUrl: config.redis.url, dataDir: config.dataDir, say, redisOnly: true })
    lifecycle.defer('local services', () => services.stop())
    const redis = createRedis(services.redisUrl, 'vigil-token')
    lifecycle.defer('redis', async () => {
      await redis.quit()
    })
    const token = await new ApiTokenStore(redis, redisKeys(config.redis.keyPrefix)).issue({ name, role: role as ApiRole }, ttlDays === undefined ? undefined : Number(ttlDays) * 86_400)
    console.log(token)
  } finally {
    await lifecycle.closeAll()
  }
}

/** `vigil user add`: the password comes on standard input, never in the arguments (they show in `ps`). */
async function addUser(config: Config, say: (line: string) => void, args: readonly string[]): Promise<void> {
  const flag = (name: string): string | undefined => {
    const at = args.indexOf(name)
    return at < 0 ? undefined : args[at + 1]
  }
  const [subcommand, username] = args
  const role = flag('--role')
  const usage = 'usage: printf %s "$PASSWORD" | vigil user add USERNAME --role ROLE [--engineer ID] [--name NAME]'
  if (subcommand !== 'add' || username === undefined || username.startsWith('--') || role === undefined) throw new UsageError(usage)
  if (!(USER_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role ${role}: expected one of ${USER_ROLES.join(', ')}`)
  if (process.stdin.isTTY) throw new UsageError(`the password is read from standard input, not typed here: ${usage}`)
  const password = (await readStandardInput()).replace(/\r?\n$/, '')
  const account: NewUserAccount = { username, name: flag('--name') ?? username, role: role as UserRole, engineerId: flag('--engineer'), password, createdBy: 'vigil user add' }
  const lifecycle = new Lifecycle(createLogger('warn'))
  try {
    const services = await provideServices({ redisUrl: config.redis.url, dataDir: config.dataDir, say, redisOnly: true })
    lifecycle.defer('local services', () => services.stop())
    const redis = createRedis(services.redisUrl, 'vigil-user')
    lifecycle.defer('redis', async () => {
      await redis.quit()
    })
    const keys = redisKeys(config.redis.keyPrefix)
    const engineers = new EngineerStore(redis, keys)
    const problem = await newAccountProblem(account, async (id) => (await engineers.get(id)) !== undefined)
    const where = { username: 'USERNAME', name: '--name', role: '--role', engineerId: '--engineer', password: 'the password', createdBy: '' } as const
    if (problem !== undefined) throw new UsageError(`${where[problem.field]}: ${problem.message}`)
    if ((await new UserAccountStore(redis, keys).create(account)).outcome === 'exists') throw new UsageError(`user ${username} already exists`)
    say(`user ${username} added (role ${role}): sign in at the web app, or POST /api/v1/sessions`)
  } finally {
    await lifecycle.closeAll()
  }
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** One part per process, for the split deployment (docker compose). */
async function runPart(command: string, config: Config, logger: Logger, say: (line: string) => void, args: readonly string[]): Promise<Stop> {
  const secret = config.serviceSecret
  if (secret === undefined) throw new UsageError(`vigil ${command} needs VIGIL_SERVICE_SECRET (the same value in every part of the deployment)`)
  const lifecycle = new Lifecycle(logger)
  try {
    const services = await provideServices({ redisUrl: config.redis.url, influxUrl: config.influx.url, dataDir: config.dataDir, say })
    lifecycle.defer('local services', () => services.stop())
    const context = await openSharedContext(config, services, lifecycle, command)
    const part = logger.child({ part: command })
    if (command !== 'api' && command !== 'simulate' && config.metrics.port > 0) {
      const metricsServer = await startMetricsServer(context.metrics.registry, config.metrics.host, config.metrics.port)
      lifecycle.defer('metrics', () => metricsServer.close())
      say(`metrics at ${metricsServer.url}`)
    }
    switch (command) {
      case 'broker': {
        await provisionMqttServiceAccounts(context.registry, secret)
        let onTelemetry: TelemetryHandler | undefined
        if (config.mqtt.embeddedIngest) {
          const ingest = await createIngest(ingestDeps(config, context, logger))
          lifecycle.defer('ingest', () => ingest.close())
          onTelemetry = ingest.handle
        }
        const broker = await startBroker({
          registry: context.registry,
          deadLetters: context.deadLetters,
          logger: part,
          metrics: context.metrics,
          options: { ...config.mqtt, stateRedisUrl: config.mqtt.stateRedisUrl ?? services.redisUrl },
          onTelemetry
        })
        lifecycle.defer('broker', () => broker.close())
        break
      }
      case 'ingest': {
        const ingest = await createIngest(ingestDeps(config, context, logger))
        lifecycle.defer('ingest', () => ingest.close())
        const client = await startMqttIngest({
          url: config.mqtt.url,
          username: serviceUsername('ingest'),
          password: mqttServicePassword(secret, 'ingest'),
          clientId: config.ingest.clientId,
          handle: ingest.handle,
          pipeline: ingest.pipeline,
          deadLetters: context.deadLetters,
          logger: part
        })
        lifecycle.defer('ingest client', () => client.close())
        break
      }
      case 'rules': {
        const rules = await startRules(rulesDeps(config, context, logger, { mqtt: config.mqtt.url, api: config.api.url }, secret))
        lifecycle.defer('rules', () => rules.close())
        break
      }
      case 'api': {
        await provisionServiceApiToken(context.tokens, secret)
        const api = await startApiServer(apiDeps(config, context, logger), { host: config.api.host, port: config.api.port })
        lifecycle.defer('api', () => api.close())
        break
      }
      case 'simulate': {
        const options = simulatorArgs(args)
        const fleet = await loadFleetFile(config.simulator.fleetFile)
        await registerFleet(context.registry, fleet, secret)
        const simulator = await startFleetSimulator(fleet, {
          brokerUrl: config.mqtt.url,
          intervalMs: options.intervalMs ?? config.simulator.intervalMs,
          credentials: fleetCredentials(fleet, secret),
          faults: options.faults,
          ...(options.faultDurationMs === undefined ? {} : { faultDurationMs: options.faultDurationMs }),
          logger: part
        })
        lifecycle.defer('simulator', () => simulator.close())
        break
      }
    }
    say(`${command} running`)
    return () => lifecycle.closeAll()
  } catch (error) {
    await lifecycle.closeAll()
    throw error
  }
}

/** A mistake in how vigil was called: print the message alone, no stack. */
class UsageError extends Error {}

function simulatorArgs(args: readonly string[]): ReturnType<typeof parseSimulatorArgs> {
  try {
    return parseSimulatorArgs(args)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ServicesUnavailableError || error instanceof UsageError || error instanceof ReplayInputError || error instanceof RuleFileError) {
    console.error(`vigil: ${error.message}`)
    process.exit(2)
  }
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') {
    const { port } = error as { port?: number }
    console.error(`vigil: port ${port ?? '?'} is already in use: set MQTT_PORT or API_PORT to a free port (0 picks one)`)
    process.exit(2)
  }
  console.error(`vigil: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exit(1)
})
