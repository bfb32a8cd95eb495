import { describe, expect, it } from 'vitest'
import { describeConfig, loadConfig } from '../../../core/config/config.js'
import { ConfigError, parseDurationMs } from '../../../core/config/env-reader.js'

describe('loadConfig', () => {
  it('gives documented defaults on an empty environment', () => {
    const config = loadConfig({})
    expect(config.mqtt).toMatchObject({ host: '127.0.0.1', port: 1883, url: 'mqtt://127.0.0.1:1883', maxPacketBytes: 65_536, allowAnonymous: false, tls: undefined, wsPort: undefined })
    expect(config.api).toMatchObject({ host: '127.0.0.1', port: 8080, url: 'http://127.0.0.1:8080' })
    expect(config.redis.url).toBeUndefined()
    expect(config.influx).toMatchObject({ url: undefined, database: 'vigil', version: 'auto' })
    expect(config.ingest.rawRetentionMs).toBe(30 * 86_400_000)
  })

  it('reads and converts every kind of variable', () => {
    const config = loadConfig({ MQTT_PORT: '11883', API_HOST: '0.0.0.0', REDIS_URL: 'redis://10.0.0.5:6379', INFLUX_VERSION: '2', RAW_RETENTION: '7d', LOG_LEVEL: 'debug' })
    expect(config.mqtt.port).toBe(11883)
    expect(config.api.url).toBe('http://127.0.0.1:8080')
    expect(config.redis.url).toBe('redis://10.0.0.5:6379')
    expect(config.influx.version).toBe('2')
    expect(config.ingest.rawRetentionMs).toBe(7 * 86_400_000)
    expect(config.logLevel).toBe('debug')
  })

  it('lists every invalid variable in one error', () => {
    let caught: unknown
    try {
      loadConfig({ MQTT_PORT: '70000', API_PORT: 'eighty', REDIS_URL: 'http://x', INFLUX_VERSION: '4', RAW_RETENTION: 'forever', VIGIL_SERVICE_SECRET: 'short' })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ConfigError)
    const problems = (caught as ConfigError).problems.join('\n')
    for (const name of ['MQTT_PORT', 'API_PORT', 'REDIS_URL', 'INFLUX_VERSION', 'RAW_RETENTION', 'VIGIL_SERVICE_SECRET']) expect(problems).toContain(name)
    expect((caught as ConfigError).problems).toHaveLength(6)
  })

  it('documents every variable it reads, each with a description', () => {
    const names = describeConfig().map((v) => v.name)
    expect(new Set(names).size).toBe(names.length)
    expect(names).toEqual(expect.arrayContaining(['MQTT_PORT', 'API_PORT', 'REDIS_URL', 'INFLUX_URL', 'INGEST_BATCH_MAX_AGE_MS', 'RAW_RETENTION']))
    for (const variable of describeConfig()) expect(variable.description.length).toBeGreaterThan(10)
  })
})

describe('parseDurationMs', () => {
  it.each([
    ['500', 500],
    ['500ms', 500],
    ['90s', 90_000],
    ['15m', 900_000],
    ['12h', 43_200_000],
    ['30d', 2_592_000_000]
  ])('%s is %d ms', (text, ms) => expect(parseDurationMs(text)).toBe(ms))

  it.each(['', '1.5h', '-3s', '10 years'])('refuses %j', (text) => expect(parseDurationMs(text)).toBeUndefined())
})
