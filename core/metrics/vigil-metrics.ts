import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/**
 * Every Prometheus metric a Vigil process exposes, in one registry per process (never the
 * global one, so tests and several parts in one process do not collide). Parts are given this
 * object and update only their own metrics; /metrics serves `registry`.
 */
export interface VigilMetrics {
  readonly registry: Registry
  readonly ingest: {
    received: Counter
    messages: Counter<'outcome'>
    deadLetters: Counter<'reason'>
    pointsWritten: Counter
    batchPoints: Histogram
    writeSeconds: Histogram
    writeErrors: Counter<'kind'>
    receivedToStoredSeconds: Histogram
    deviceToStoredSeconds: Histogram
    pendingPoints: Gauge
    backpressure: Gauge
    backpressureEvents: Counter
  }
  readonly broker: {
    connectedClients: Gauge<'kind'>
    connections: Counter<'result'>
    publishesRefused: Counter
    packetsRefused: Counter
    queuedMessages: Gauge
    backpressure: Gauge
  }
  readonly api: {
    requests: Counter<'method' | 'route' | 'status'>
    requestSeconds: Histogram<'method' | 'route'>
  }
}

export function createMetrics(part: string): VigilMetrics {
  const registry = new Registry()
  registry.setDefaultLabels({ part })
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  return {
    registry,
    ingest: {
      received: new Counter({ name: 'vigil_ingest_messages_received_total', help: 'Telemetry messages handed to ingest', registers }),
      messages: new Counter({ name: 'vigil_ingest_messages_total', help: 'Telemetry messages ingest finished with, by outcome (stored, dead_lettered)', labelNames: ['outcome'], registers }),
      deadLetters: new Counter({ name: 'vigil_dead_letters_total', help: 'Messages kept as dead letters, by reason', labelNames: ['reason'], registers }),
      pointsWritten: new Counter({ name: 'vigil_ingest_points_written_total', help: 'Points InfluxDB acknowledged (2xx)', registers }),
      batchPoints: new Histogram({ name: 'vigil_ingest_batch_points', help: 'Points per InfluxDB write', buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000], registers }),
      writeSeconds: new Histogram({ name: 'vigil_ingest_write_seconds', help: 'Duration of one successful InfluxDB write', buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers }),
      writeErrors: new Counter({ name: 'vigil_influx_write_errors_total', help: 'Failed InfluxDB writes, by kind (transient: retried; refused: split to find bad lines)', labelNames: ['kind'], registers }),
      receivedToStoredSeconds: new Histogram({ name: 'vigil_ingest_received_to_stored_seconds', help: 'From the broker receiving a message to its readings being stored (= its PUBACK under the embedded ingest)', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers }),
      deviceToStoredSeconds: new Histogram({ name: 'vigil_ingest_device_to_stored_seconds', help: "From a reading's device timestamp to it being stored (includes device clock skew and buffering)", buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60, 300, 3600], registers }),
      pendingPoints: new Gauge({ name: 'vigil_ingest_pending_points', help: 'Points accepted and not yet stored', registers }),
      backpressure: new Gauge({ name: 'vigil_ingest_backpressure', help: '1 while ingest holds new messages back because its bound of pending points is reached', registers }),
      backpressureEvents: new Counter({ name: 'vigil_ingest_backpressure_events_total', help: 'Times ingest reached its bound of pending points and stopped taking new messages', registers })
    },
    broker: {
      connectedClients: new Gauge({ name: 'vigil_broker_connected_clients', help: 'MQTT clients connected, by kind (device, service)', labelNames: ['kind'], registers }),
      connections: new Counter({ name: 'vigil_broker_connections_total', help: 'MQTT connections, by result (accepted, refused, error, rate_limited, max_connections)', labelNames: ['result'], registers }),
      publishesRefused: new Counter({ name: 'vigil_broker_publishes_refused_total', help: 'Publishes refused by the topic ACL', registers }),
      packetsRefused: new Counter({ name: 'vigil_broker_packets_refused_total', help: 'Packets over the size limit (connection closed)', registers }),
      queuedMessages: new Gauge({ name: 'vigil_broker_queued_messages', help: 'Messages held for persistent sessions and not yet acknowledged by them (since this broker started)', registers }),
      backpressure: new Gauge({ name: 'vigil_broker_backpressure', help: '1 while the broker withholds PUBACKs because it holds its bound of undelivered messages', registers })
    },
    api: {
      requests: new Counter({ name: 'vigil_api_requests_total', help: 'API requests, by method, route and status', labelNames: ['method', 'route', 'status'], registers }),
      requestSeconds: new Histogram({ name: 'vigil_api_request_seconds', help: 'API request duration', labelNames: ['method', 'route'], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers })
    }
  }
}
