import { useEffect, useState } from 'react'
import type { Equipment } from '../../api-types.js'
import { useSession } from '../../session.js'

/** The equipment's QR sticker, fetched with the token (an <img src> could not send it), ready to print. */
export function QrLabel({ equipment }: { equipment: Equipment }) {
  const { t, token } = useSession()
  const [url, setUrl] = useState<string | undefined>()
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let objectUrl: string | undefined
    fetch(`/api/v1/equipment/${encodeURIComponent(equipment.id)}/qr.svg`, { headers: { authorization: `Bearer ${token}` } })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status))
        objectUrl = URL.createObjectURL(await response.blob())
        setUrl(objectUrl)
      })
      .catch(() => setFailed(true))
    return () => {
      if (objectUrl !== undefined) URL.revokeObjectURL(objectUrl)
    }
  }, [equipment.id, token])
  return (
    <section aria-labelledby="qr-heading" className="qr-label">
      <h2 id="qr-heading">{t('qrTitle')}</h2>
      {url === undefined ? <p className="hint">{failed ? t('qrUnavailable') : t('loading')}</p> : <img src={url} alt={t('qrAlt', { name: equipment.name, code: equipment.qrCode ?? '' })} width={180} height={180} />}
      <p className="hint">{t('qrCode', { code: equipment.qrCode ?? '—' })}</p>
      <button type="button" className="secondary no-print" onClick={() => window.print()}>
        {t('qrPrint')}
      </button>
    </section>
  )
}
