import { useEffect, useRef, useState } from 'react'
import type { FormEvent } from 'react'
import type { WorkOrder } from '../../api-types.js'
import { useApiAction, useSession } from '../../session.js'
import { ProblemMessage } from '../../ui/problem-message.js'

interface DetectedBarcode {
  rawValue: string
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike

/** The code in a scanned QR: the sticker holds the report URL `…/r/{code}`, or the code alone. */
export function codeFromScan(raw: string): string {
  const match = /\/r\/([A-Za-z0-9_-]+)\/?$/.exec(raw.trim())
  return match?.[1] ?? raw.trim()
}

/** Check in at the equipment: scan its QR sticker where the browser can, or type the code under it. */
export function CheckIn({ workOrder, onChanged }: { workOrder: WorkOrder; onChanged: (changed: WorkOrder) => void }) {
  const { t } = useSession()
  const { run, error, busy } = useApiAction()
  const [code, setCode] = useState('')
  const [scanning, setScanning] = useState(false)
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector
  const canScan = Detector !== undefined && navigator.mediaDevices?.getUserMedia !== undefined

  async function checkIn(qrCode: string) {
    const changed = await run<WorkOrder>('POST', `/api/v1/work-orders/${encodeURIComponent(workOrder.id)}/check-in`, { qrCode })
    if (changed !== undefined) onChanged(changed)
  }
  function submit(event: FormEvent) {
    event.preventDefault()
    if (code.trim() !== '') void checkIn(code.trim())
  }

  return (
    <section aria-labelledby="check-in-heading">
      <h2 id="check-in-heading">{t('checkInTitle')}</h2>
      {workOrder.arrivedAt === undefined ? null : <p className="ok">{t('checkedIn')}</p>}
      {canScan && Detector !== undefined ? (
        scanning ? (
          <QrScanner
            Detector={Detector}
            onCode={(scanned) => {
              setScanning(false)
              setCode(scanned)
              void checkIn(scanned)
            }}
            onCancel={() => setScanning(false)}
          />
        ) : (
          <button type="button" className="big" onClick={() => setScanning(true)} disabled={busy}>
            {t('scanQr')}
          </button>
        )
      ) : (
        <p className="hint">{t('noScanner')}</p>
      )}
      <form onSubmit={submit} className="inline-form">
        <label>
          {t('typedCode')}
          <input value={code} onChange={(event) => setCode(event.target.value)} autoCapitalize="none" autoComplete="off" spellCheck={false} inputMode="text" />
        </label>
        <button type="submit" disabled={busy || code.trim() === ''}>
          {t('checkIn')}
        </button>
      </form>
      <ProblemMessage error={error} />
    </section>
  )
}

function QrScanner({ Detector, onCode, onCancel }: { Detector: BarcodeDetectorConstructor; onCode: (code: string) => void; onCancel: () => void }) {
  const { t } = useSession()
  const video = useRef<HTMLVideoElement>(null)
  const [failed, setFailed] = useState<string | undefined>()
  // The camera stays open across re-renders: the latest callback is read from a ref, not an effect dependency.
  const onCodeRef = useRef(onCode)
  onCodeRef.current = onCode
  useEffect(() => {
    let stream: MediaStream | undefined
    let frame = 0
    let stopped = false
    const detector = new Detector({ formats: ['qr_code'] })
    const look = async () => {
      if (stopped || video.current === null) return
      try {
        const [found] = await detector.detect(video.current)
        if (found !== undefined) return onCodeRef.current(codeFromScan(found.rawValue))
      } catch {
        // a frame not ready yet: look at the next one
      }
      frame = requestAnimationFrame(() => void look())
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (media) => {
        stream = media
        if (video.current === null) return
        video.current.srcObject = media
        await video.current.play()
        void look()
      })
      .catch((problem: unknown) => setFailed((problem as Error).message))
    return () => {
      stopped = true
      cancelAnimationFrame(frame)
      for (const track of stream?.getTracks() ?? []) track.stop()
    }
  }, [Detector])
  return (
    <div className="scanner">
      {failed === undefined ? <video ref={video} muted playsInline aria-label={t('cameraView')} /> : <p role="alert" className="error">{t('cameraFailed', { reason: failed })}</p>}
      <button type="button" className="secondary" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  )
}
