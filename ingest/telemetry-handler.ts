import type { DeviceContext, DeviceDirectory } from '../core/registry/device-directory.js'
import type { IncomingTelemetry, TelemetryHandler } from '../core/telemetry/telemetry-handler.js'
import type { DeadLetterSink, IngestPipeline } from './ingest-pipeline.js'

export interface TelemetryHandlerDeps {
  pipeline: IngestPipeline
  directory: DeviceDirectory
  deadLetters: DeadLetterSink
}

/**
 * Turns an authorised publish into a pipeline message: the device's tags come from the registry
 * (never from the payload). Used by the embedded broker hook and by the MQTT-client ingest.
 */
export function createTelemetryHandler(deps: TelemetryHandlerDeps): TelemetryHandler {
  const { pipeline, directory, deadLetters } = deps
  const accept = (incoming: IncomingTelemetry, device: DeviceContext): Promise<void> => {
    // The broker's ACL already holds a device to its own prefix; a foreign broker may not.
    if (incoming.topic !== device.telemetryTopic) {
      return deadLetters.record({
        reason: 'topic_mismatch',
        detail: `device ${device.device.id} is registered at ${device.telemetryTopic}, not ${incoming.topic}`,
        topic: incoming.topic,
        clientId: incoming.clientId,
        payload: incoming.payload
      })
    }
    return pipeline.accept({ topic: incoming.topic, clientId: incoming.clientId, payload: incoming.payload, device })
  }
  return (incoming) => {
    const known = directory.get(incoming.deviceId)
    if (known !== undefined) return accept(incoming, known)
    return directory.resolve(incoming.deviceId).then((device) => {
      if (device === undefined) {
        return deadLetters.record({
          reason: 'unknown_device',
          detail: `device ${incoming.deviceId} is not in the registry`,
          topic: incoming.topic,
          clientId: incoming.clientId,
          payload: incoming.payload
        })
      }
      return accept(incoming, device)
    })
  }
}
