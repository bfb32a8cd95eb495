import type { DeviceContext, DeviceDirectory } from '../core/registry/device-directory.js'
import type { IncomingTelemetry, TelemetryHandler, TelemetryOutcome } from '../core/telemetry/telemetry-handler.js'
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
  const deadLetter = async (incoming: IncomingTelemetry, reason: 'topic_mismatch' | 'unknown_device', detail: string): Promise<TelemetryOutcome> => {
    await deadLetters.record({ reason, detail, topic: incoming.topic, clientId: incoming.clientId, payload: incoming.payload })
    return 'dead-lettered'
  }
  const accept = (incoming: IncomingTelemetry, device: DeviceContext): Promise<TelemetryOutcome> => {
    // The broker's ACL already holds a device to its own prefix; a foreign broker may not.
    if (incoming.topic !== device.telemetryTopic) {
      return deadLetter(incoming, 'topic_mismatch', `device ${device.device.id} is registered at ${device.telemetryTopic}, not ${incoming.topic}`)
    }
    return pipeline.accept({ topic: incoming.topic, clientId: incoming.clientId, payload: incoming.payload, device })
  }
  return (incoming) => {
    const known = directory.get(incoming.deviceId)
    if (known !== undefined) return accept(incoming, known)
    return directory.resolve(incoming.deviceId).then((device) => {
      if (device === undefined) return deadLetter(incoming, 'unknown_device', `device ${incoming.deviceId} is not in the registry`)
      return accept(incoming, device)
    })
  }
}
