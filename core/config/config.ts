import path from 'node:path'
import { projectRoot } from '../project-root.js'
import { ConfigError, EnvReader } from './env-reader.js'
import type { Env, VariableDoc } from './env-reader.js'

export type InfluxVersionSetting = 'auto' | '1' | '2' | '3'
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

/** Everything Vigil reads from its environment, read once at start-up. Units are in the names. */
export interface Config {
  logLevel: LogLevel
  /** Where `npm start` keeps Redis and InfluxDB data it manages itself, and uploaded files. */
  dataDir: string
  mqtt: {
    host: string
    port: number
    /** Where ingest, rules and simulators connect; defaults to the embedded broker. */
    url: string
    /** Largest MQTT packet: refused at its header by the broker, dead-lettered (too_large) by the MQTT-client ingest. */
    maxPacketBytes: number
    maxConnections: number
    connectsPerSecondPerAddress: number
    connectBurstPerAddress: number
    /** Longest keep-alive a client may ask for, in seconds; 0 and longer ones are refused. 0 here: no limit. */
    keepaliveMaxS: number
    /** Let a client without credentials in as the device named by its client id (trusted networks only). */
    allowAnonymous: boolean
    tls: { port: number; certFile: string; keyFile: string } | undefined
    /** MQTT over WebSocket on this port, path /mqtt. */
    wsPort: number | undefined
    persistence: 'memory' | 'redis'
    emitter: 'local' | 'redis'
    /** Redis of the broker's persistence and emitter; defaults to REDIS_URL. */
    stateRedisUrl: string | undefined
    maxQueuedMessages: number
    /** `vigil broker` stores telemetry itself (PUBACK = stored); false: a plain broker for `vigil ingest`. */
    embeddedIngest: boolean
  }
  /** Work-order policy: response deadlines by priority (minutes) and the verification window after an alert's work is done. */
  workOrders: {
    responseMinutes: { urgent: number; normal: number; low: number }
    verificationWindowMs: number
    /** How long a one-time rating link stays valid. */
    ratingLinkMs: number
    /** How often work nobody could take is offered again (someone may have come on shift). */
    dispatchSweepMs: number
    /** How often maintenance plans are checked for occurrences that fell due. */
    planSweepMs: number
  }
  api: {
    host: string
    port: number
    /** Where the rules engine reaches the API; defaults to the API of this deployment. */
    url: string
    /** Where people reach Vigil (printed QR codes link to `{publicBaseUrl}/r/{code}`); defaults to `url`. */
    publicBaseUrl: string
    /** Requests per minute: per API token (service tokens are not limited), and per client address without a token. 0: no limit. */
    rateLimit: { perTokenPerMinute: number; perAddressPerMinute: number }
    /** Take the client address from X-Forwarded-For, written by this many proxies in front (0: trust no header). */
    trustedProxyHops: number
    /** The engineers' scorecard YAML; undefined: the built-in scorecard (config/scorecard.yaml holds the same). */
    scorecardFile: string | undefined
  }
  /** Webhook deliveries and reminders (README, Notifications). */
  notifications: {
    /** Attempts per webhook delivery, the first included. */
    webhookAttempts: number
    /** Wait before the first retry of a webhook delivery, in ms; it doubles on each retry. */
    webhookBackoffMs: number
    /** How long one webhook POST may take, in ms. */
    webhookTimeoutMs: number
    /** Time between two reminders of an unacknowledged alert or unaccepted work order, in ms. */
    reminderEveryMs: number
    /** Reminders on each rung of the ladder (assignee, supervisor, managers) before the next. */
    remindersPerRung: number
  }
  /** Photos of field work and occupants' reports, kept under `{dataDir}/photos`. */
  photos: {
    /** Largest photo accepted, in bytes. */
    maxBytes: number
  }
  /** The public report page behind equipment QR codes: how many reports it takes, per window. */
  occupantRequests: {
    /** Reports one client address may send about one piece of equipment per window. */
    perAddressPerEquipment: number
    /** Reports one piece of equipment may receive per window, from all addresses together. */
    perEquipment: number
    windowMs: number
  }
  redis: {
    /** Unset: the local services launcher provides one. */
    url: string | undefined
    /** Prefix of every Redis key and BullMQ queue, so deployments (and tests) can share a server. */
    keyPrefix: string
  }
  influx: {
    /** Unset: the local services launcher provides one. */
    url: string | undefined
    token: string
    /** Database on 1.x and 3.x, bucket on 2.x. */
    database: string
    /** Organisation on 2.x; ignored elsewhere. */
    org: string
    version: InfluxVersionSetting
  }
  ingest: {
    batchMaxPoints: number
    batchMaxAgeMs: number
    retryMaxDelayMs: number
    deadLetterMaxLen: number
    /** Points accepted and not yet stored before ingest stops taking new messages. */
    maxPendingPoints: number
    /** Raw readings are kept this long (the database's retention); older readings are refused. */
    rawRetentionMs: number
    /** How often the rollup job runs. */
    rollupEveryMs: number
    /** A minute is rolled up once no reading has arrived for it for this long. */
    rollupQuietMs: number
    /** Client id of the MQTT-client ingest (`vigil ingest`): fixed, so its session survives restarts. */
    clientId: string
  }
  metrics: {
    /** Where `vigil broker|ingest|rules` serve /metrics (vigil start and vigil api serve it on the API). */
    host: string
    /** 0: no metrics listener. */
    port: number
  }
  rules: {
    dir: string
    workOrderAttempts: number
    /** The alert lifecycle's timings (rules/alert-lifecycle.ts). */
    lifecycle: { resolveHoldMs: number; cooldownMs: number; flapThreshold: number; flapWindowMs: number }
    /** How often detector and lifecycle state is saved to Redis (it is also saved on shutdown). */
    snapshotEveryMs: number
    /** How often every equipment's health score is computed and stored. */
    healthEveryMs: number
    /** The sites this engine instance evaluates; undefined: all of them. */
    sites: string[] | undefined
    /** How often the heartbeat monitor checks every device's last-seen time, ms. */
    heartbeatEveryMs: number
  }
  simulator: {
    fleetFile: string
    teamFile: string
    intervalMs: number
  }
  /**
   * Secret from which the service accounts (ingest, rules on MQTT; rules on the API) derive their
   * passwords, so split deployments share one value instead of many. Unset under `vigil start`:
   * a random one is made for the run.
   */
  serviceSecret: string | undefined
}

export interface LoadedConfig {
  config: Config
  variables: VariableDoc[]
}

/** Reads and checks the whole environment; throws one ConfigError that lists every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  return readConfig(env).config
}

/** The variables Vigil reads, with defaults and descriptions (README's configuration table). */
export function describeConfig(): VariableDoc[] {
  return readConfig({}).variables
}

function readConfig(env: Env): LoadedConfig {
  const read = new EnvReader(env)
  const root = projectRoot()

  const logLevel = read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info', 'Log verbosity.')
  const dataDir = path.resolve(read.string('DATA_DIR', '.data', 'Directory for data Vigil manages itself: local Redis and InfluxDB, the service secret of `vigil start`.'))

  const mqttHost = read.string('MQTT_HOST', '127.0.0.1', 'Address the MQTT broker listens on.')
  const mqttPort = read.port('MQTT_PORT', 1883, 'TCP port of the MQTT broker (0: any free port).')
  const mqttUrl = read.url('MQTT_URL', 'Broker that ingest, rules and simulators connect to. Default: the embedded broker at MQTT_HOST:MQTT_PORT.', ['mqtt:', 'mqtts:', 'ws:', 'wss:'])
  const maxPacketBytes = read.int('MQTT_MAX_PACKET_BYTES', 65_536, 'Largest MQTT packet, in bytes: the broker closes a connection that announces a larger one; the MQTT-client ingest dead-letters larger payloads as too_large.', { min: 256, max: 268_435_455 })
  const maxConnections = read.int('MQTT_MAX_CONNECTIONS', 20_000, 'Most MQTT connections open at once; more are closed at once.', { min: 1, max: 1_000_000 })
  const connectsPerSecond = read.int('MQTT_CONNECTS_PER_SECOND', 200, 'New MQTT connections one client address may open per second, on average.', { min: 1, max: 1_000_000 })
  const connectBurst = read.int('MQTT_CONNECT_BURST', 2000, 'New MQTT connections one client address may open at once.', { min: 1, max: 1_000_000 })
  const keepaliveMaxS = read.int('MQTT_KEEPALIVE_MAX_S', 1200, 'Longest keep-alive a client may ask for, in seconds; a client asking for none (0) or a longer one is refused. 0: no limit.', { min: 0, max: 65_535 })
  const allowAnonymous = read.oneOf('MQTT_ALLOW_ANONYMOUS', ['false', 'true'], 'false', 'Let a client without username in as the device named by its client id. For closed networks of legacy devices only.') === 'true'
  const tlsPort = read.int('MQTT_TLS_PORT', 0, 'Port of the MQTT over TLS listener (0: none); needs MQTT_TLS_CERT_FILE and MQTT_TLS_KEY_FILE.', { min: 0, max: 65_535 })
  const tlsCertFile = read.optionalString('MQTT_TLS_CERT_FILE', 'PEM certificate (chain) of the TLS listener.')
  const tlsKeyFile = read.optionalString('MQTT_TLS_KEY_FILE', 'PEM private key of the TLS listener.')
  const wsPort = read.int('MQTT_WS_PORT', 0, 'Port of the MQTT over WebSocket listener, path /mqtt (0: none).', { min: 0, max: 65_535 })
  const brokerPersistence = read.oneOf('BROKER_PERSISTENCE', ['memory', 'redis'] as const, 'memory', 'Where the broker keeps sessions, subscriptions, retained and queued QoS 1/2 messages; redis survives a broker crash.')
  const brokerEmitter = read.oneOf('BROKER_EMITTER', ['local', 'redis'] as const, 'local', 'redis: several broker processes share routing.')
  const brokerRedisUrl = read.url('BROKER_REDIS_URL', 'Redis of the broker persistence and emitter. Default: REDIS_URL. Its keys are not prefixed: use a database of its own (redis://host:6379/1).', ['redis:', 'rediss:'])
  const maxQueuedMessages = read.int('BROKER_MAX_QUEUED', 100_000, 'Messages the broker holds for persistent sessions, unacknowledged, before it stops acknowledging new publishes.', { min: 1, max: 100_000_000 })
  const embeddedIngest = read.oneOf('BROKER_EMBEDDED_INGEST', ['true', 'false'], 'true', '`vigil broker` stores telemetry itself, so a PUBACK means stored; false: a plain broker, for `vigil ingest`.') === 'true'
  if (tlsPort > 0 && (tlsCertFile === undefined || tlsKeyFile === undefined)) read.problems.push('MQTT_TLS_PORT is set: MQTT_TLS_CERT_FILE and MQTT_TLS_KEY_FILE are needed too')

  const apiHost = read.string('API_HOST', '127.0.0.1', 'Address the REST API listens on.')
  const apiPort = read.port('API_PORT', 8080, 'TCP port of the REST API (0: any free port).')
  const responseUrgentMs = read.duration('RESPONSE_DEADLINE_URGENT', '30m', 'Time to respond to (accept) an urgent work order before it escalates to the site supervisor.')
  const responseNormalMs = read.duration('RESPONSE_DEADLINE_NORMAL', '2h', 'Time to respond to a normal-priority work order before it escalates.')
  const responseLowMs = read.duration('RESPONSE_DEADLINE_LOW', '24h', 'Time to respond to a low-priority work order before it escalates.')
  const verificationWindowMs = read.duration('VERIFICATION_WINDOW', '72h', 'After an alert\'s work order is resolved or closed, the same condition coming back within this reopens it instead of opening another.')
  const dispatchSweepMs = read.duration('DISPATCH_SWEEP_EVERY', '5m', 'How often work orders nobody could be given (nobody qualified on shift) are offered again, so night work goes to the morning shift.')
  const planSweepMs = read.duration('PLAN_SWEEP_EVERY', '1m', 'How often maintenance plans are checked for an occurrence that fell due (its work order opens then).')
  const ratingLinkMs = read.duration('RATING_LINK_TTL', '48h', 'How long a one-time link for the owner or requester to rate finished work stays valid.')
  const apiUrl = read.url('API_URL', 'Where the rules engine reaches the API. Default: http://API_HOST:API_PORT.', ['http:', 'https:'])
  const publicBaseUrl = read.url('PUBLIC_BASE_URL', 'Where people reach Vigil: printed equipment QR codes open PUBLIC_BASE_URL/r/{code}. Default: API_URL.', ['http:', 'https:'])
  const perTokenPerMinute = read.int('API_RATE_LIMIT_PER_TOKEN', 600, 'Requests per minute one API token may make (service tokens are not limited); more are answered 429 with Retry-After. 0: no limit.', { min: 0, max: 1_000_000 })
  const perAddressPerMinute = read.int('API_RATE_LIMIT_PER_ADDRESS', 120, 'Requests per minute one client address may make to routes that need no token (health, docs, public pages). 0: no limit.', { min: 0, max: 1_000_000 })
  const trustedProxyHops = read.int('API_TRUSTED_PROXY_HOPS', 0, 'Reverse proxies in front of the API that append X-Forwarded-For; the client address (rate limits, occupant throttling) is read that many hops back. 0: the direct peer, headers ignored.', { min: 0, max: 10 })
  const scorecardFileSetting = read.optionalString('SCORECARD_FILE', "YAML of the engineers' monthly scorecard: dimensions, weights, measures, targets. Default: the built-in scorecard.")

  const webhookAttempts = read.int('WEBHOOK_ATTEMPTS', 8, 'Attempts to deliver one event to one webhook, the first included, before it is logged as failed.', { min: 1, max: 100 })
  const webhookBackoffMs = read.duration('WEBHOOK_BACKOFF', '1s', 'Wait before the first retry of a failed webhook delivery; it doubles on each retry (8 attempts: about 2 minutes in all).')
  const webhookTimeoutMs = read.duration('WEBHOOK_TIMEOUT', '10s', 'How long one webhook POST may take before it counts as failed.')
  const reminderEveryMs = read.duration('REMINDER_EVERY', '10m', 'Time between reminders of an alert nobody acknowledged or a work order nobody accepted.')
  const remindersPerRung = read.int('REMINDER_REPEATS', 3, 'Reminders to each rung of the ladder (whoever should act, the site supervisor, the managers) before the next rung.', { min: 1, max: 100 })
  if (webhookTimeoutMs < 100) read.problems.push('WEBHOOK_TIMEOUT: must be at least 100ms')
  if (reminderEveryMs < 100) read.problems.push('REMINDER_EVERY: must be at least 100ms')

  const photoMaxBytes = read.int('PHOTO_MAX_BYTES', 10_485_760, 'Largest photo accepted (work-order photos, occupants\' reports), in bytes; larger uploads are answered 413.', { min: 1024, max: 104_857_600 })
  const occupantPerAddress = read.int('OCCUPANT_REQUESTS_PER_ADDRESS', 5, 'Reports one client address may send about one piece of equipment per OCCUPANT_REQUEST_WINDOW on its public QR page; more are answered 429.', { min: 1, max: 100_000 })
  const occupantPerEquipment = read.int('OCCUPANT_REQUESTS_PER_EQUIPMENT', 30, 'Reports one piece of equipment may receive per OCCUPANT_REQUEST_WINDOW from all addresses together; more are answered 429.', { min: 1, max: 1_000_000 })
  const occupantWindowMs = read.duration('OCCUPANT_REQUEST_WINDOW', '1h', 'Window of the two occupant report limits.')

  const redisUrl = read.url('REDIS_URL', 'Redis to use. Unset: start a local redis-server (see README).', ['redis:', 'rediss:'])
  const keyPrefix = read.string('REDIS_PREFIX', 'vigil', 'Prefix of every Redis key and queue.')

  const influxUrl = read.url('INFLUX_URL', 'InfluxDB to use. Unset: start a local influxd (see README).', ['http:', 'https:'])
  const influxToken = read.string('INFLUX_TOKEN', '', 'InfluxDB API token (2.x, 3.x, or 1.x with auth).')
  const influxDatabase = read.string('INFLUX_DATABASE', 'vigil', 'InfluxDB database (1.x, 3.x) or bucket (2.x).')
  const influxOrg = read.string('INFLUX_ORG', 'vigil', 'InfluxDB 2.x organisation.')
  const influxVersion = read.oneOf('INFLUX_VERSION', ['auto', '1', '2', '3'], 'auto', 'InfluxDB major version; auto reads it from /ping.')

  const batchMaxPoints = read.int('INGEST_BATCH_MAX_POINTS', 5000, 'A write batch closes at this many points.', { min: 1, max: 1_000_000 })
  const batchMaxAgeMs = read.int('INGEST_BATCH_MAX_AGE_MS', 100, 'A write batch closes this many milliseconds after its first reading.', { min: 0, max: 60_000 })
  const retryMaxDelayMs = read.int('INGEST_RETRY_MAX_DELAY_MS', 10_000, 'Longest wait, in milliseconds, between retries of a failed InfluxDB write.', { min: 10, max: 600_000 })
  const deadLetterMaxLen = read.int('DEAD_LETTER_MAX_LEN', 10_000, 'Dead letters kept in the Redis stream (oldest trimmed first).', { min: 1, max: 10_000_000 })
  const maxPendingPoints = read.int('INGEST_MAX_PENDING_POINTS', 200_000, 'Points accepted but not yet stored at which ingest stops acknowledging new messages until InfluxDB catches up.', { min: 1, max: 100_000_000 })
  const rawRetentionMs = read.duration('RAW_RETENTION', '30d', 'How long raw readings are kept (the database retention); older readings are refused as ts_too_old.')
  const rollupEveryMs = read.int('ROLLUP_EVERY_MS', 60_000, 'How often the 1-minute and 1-hour rollups are brought up to date, in ms.', { min: 1000, max: 3_600_000 })
  const rollupQuietMs = read.int('ROLLUP_QUIET_MS', 30_000, 'A minute is rolled up once no reading has arrived for it for this long, in ms.', { min: 0, max: 3_600_000 })
  const ingestClientId = read.string('INGEST_CLIENT_ID', 'vigil-ingest', 'MQTT client id of `vigil ingest` (persistent session).')

  const metricsHost = read.string('METRICS_HOST', '127.0.0.1', 'Address `vigil broker|ingest|rules` serve /metrics on.')
  const metricsPort = read.port('METRICS_PORT', 9464, 'Port of that /metrics listener (0: none). vigil start and vigil api serve /metrics on the API.')
  const rulesDir = path.resolve(read.string('RULES_DIR', path.join(root, 'rules', 'config'), 'Directory of the per-equipment-type rule files (YAML).'))
  const workOrderAttempts = read.int('RULES_WORK_ORDER_ATTEMPTS', 20, 'Attempts to open a work order through the API before the job fails.', { min: 1, max: 1000 })

  const resolveHoldMs = read.duration('ALERT_RESOLVE_HOLD', '5m', 'An alert resolves once its condition has stayed clear this long (30s, 5m, ...).')
  const cooldownMs = read.duration('ALERT_COOLDOWN', '15m', 'A condition back this soon after its alert resolved reopens that alert instead of opening a new one.')
  const flapThreshold = read.int('ALERT_FLAP_THRESHOLD', 4, 'Opens of one condition within ALERT_FLAP_WINDOW that make it one suppressed flapping alert.', { min: 2, max: 1000 })
  const flapWindowMs = read.duration('ALERT_FLAP_WINDOW', '1h', 'Window for ALERT_FLAP_THRESHOLD; a flapping alert resolves after being quiet this long.')
  const snapshotEveryMs = read.duration('RULES_SNAPSHOT_EVERY', '30s', 'How often the rules engine saves its detector state to Redis (also on shutdown).')
  const healthEveryMs = read.duration('HEALTH_EVERY', '1m', 'How often the rules engine scores every equipment\'s health and writes it to InfluxDB `health`.')
  const sitesText = read.optionalString('RULES_SITES', 'Comma-separated site ids this rules engine evaluates (scale-out: one instance per group of sites). Default: all sites.')
  const sites = sitesText === undefined ? undefined : sitesText.split(',').map((site) => site.trim()).filter((site) => site !== '')
  const heartbeatEveryMs = read.duration('RULES_HEARTBEAT_EVERY', '15s', 'How often the rules engine checks when each device was last heard from (heartbeat rules).')
  if (heartbeatEveryMs < 1000) read.problems.push('RULES_HEARTBEAT_EVERY: must be at least 1s')

  const fleetFile = path.resolve(read.string('FLEET_FILE', path.join(root, 'simulators', 'fleet.yaml'), 'Fleet the simulators emulate and `vigil start` registers.'))
  const teamFile = path.resolve(read.string('TEAM_FILE', path.join(root, 'simulators', 'team.yaml'), 'Engineering team `vigil start` registers beside the simulated fleet, so its work orders are dispatched.'))
  const intervalMs = read.int('SIM_INTERVAL_MS', 1000, 'Milliseconds between two readings of a simulated device.', { min: 10, max: 3_600_000 })

  const serviceSecret = read.optionalString('VIGIL_SERVICE_SECRET', 'Secret the service accounts derive their credentials from (split deployments).')

  if (serviceSecret !== undefined && serviceSecret.length < 16) {
    read.problems.push('VIGIL_SERVICE_SECRET: must be at least 16 characters')
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems)

  const config: Config = {
    logLevel,
    dataDir,
    mqtt: {
      host: mqttHost,
      port: mqttPort,
      url: mqttUrl ?? `mqtt://${hostForUrl(mqttHost)}:${mqttPort}`,
      maxPacketBytes,
      maxConnections,
      connectsPerSecondPerAddress: connectsPerSecond,
      connectBurstPerAddress: connectBurst,
      keepaliveMaxS,
      allowAnonymous,
      tls: tlsPort > 0 && tlsCertFile !== undefined && tlsKeyFile !== undefined ? { port: tlsPort, certFile: tlsCertFile, keyFile: tlsKeyFile } : undefined,
      wsPort: wsPort > 0 ? wsPort : undefined,
      persistence: brokerPersistence,
      emitter: brokerEmitter,
      stateRedisUrl: brokerRedisUrl ?? redisUrl,
      maxQueuedMessages,
      embeddedIngest
    },
    workOrders: {
      responseMinutes: { urgent: responseUrgentMs / 60_000, normal: responseNormalMs / 60_000, low: responseLowMs / 60_000 },
      verificationWindowMs,
      ratingLinkMs,
      dispatchSweepMs,
      planSweepMs
    },
    api: {
      host: apiHost,
      port: apiPort,
      url: apiUrl ?? `http://${hostForUrl(apiHost)}:${apiPort}`,
      publicBaseUrl: (publicBaseUrl ?? apiUrl ?? `http://${hostForUrl(apiHost)}:${apiPort}`).replace(/\/+$/, ''),
      rateLimit: { perTokenPerMinute, perAddressPerMinute },
      trustedProxyHops,
      scorecardFile: scorecardFileSetting === undefined ? undefined : path.resolve(scorecardFileSetting)
    },
    notifications: { webhookAttempts, webhookBackoffMs, webhookTimeoutMs, reminderEveryMs, remindersPerRung },
    photos: { maxBytes: photoMaxBytes },
    occupantRequests: { perAddressPerEquipment: occupantPerAddress, perEquipment: occupantPerEquipment, windowMs: occupantWindowMs },
    redis: { url: redisUrl, keyPrefix },
    influx: { url: influxUrl, token: influxToken, database: influxDatabase, org: influxOrg, version: influxVersion },
    ingest: { batchMaxPoints, batchMaxAgeMs, retryMaxDelayMs, deadLetterMaxLen, maxPendingPoints, rawRetentionMs, rollupEveryMs, rollupQuietMs, clientId: ingestClientId },
    metrics: { host: metricsHost, port: metricsPort },
    rules: { dir: rulesDir, workOrderAttempts, lifecycle: { resolveHoldMs, cooldownMs, flapThreshold, flapWindowMs }, snapshotEveryMs, healthEveryMs, sites, heartbeatEveryMs },
    simulator: { fleetFile, teamFile, intervalMs },
    serviceSecret
  }
  return { config, variables: read.documented }
}

/** A listener bound to every address is reached locally through the loopback address. */
function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}
