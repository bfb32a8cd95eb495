import { useEffect, useState } from 'react'
import type { FormEvent } from 'react'
import type { PhotoRef, WorkOrder } from '../../api-types.js'
import { useApiAction, useSession } from '../../session.js'
import { ProblemMessage } from '../../ui/problem-message.js'

/** The work order's photos, and (for those who may) taking one with the phone's camera. */
/** `onUploaded` reloads the work order: the upload's answer is the new photo, not the work order. */
export function WorkOrderPhotos({ workOrder, canAdd, onUploaded }: { workOrder: WorkOrder; canAdd: boolean; onUploaded: () => void }) {
  const { t } = useSession()
  const { run, error, busy } = useApiAction()
  const [file, setFile] = useState<File | undefined>()
  const [caption, setCaption] = useState('')
  const [inputKey, setInputKey] = useState(0)
  async function submit(event: FormEvent) {
    event.preventDefault()
    if (file === undefined) return
    const form = new FormData()
    if (caption.trim() !== '') form.append('caption', caption.trim())
    form.append('photo', file)
    const photo = await run<PhotoRef>('POST', `/api/v1/work-orders/${encodeURIComponent(workOrder.id)}/photos`, form)
    if (photo !== undefined) {
      setFile(undefined)
      setCaption('')
      setInputKey((key) => key + 1)
      onUploaded()
    }
  }
  const photos = workOrder.photos ?? []
  return (
    <section aria-labelledby="photos-heading">
      <h2 id="photos-heading">{t('photosTitle', { count: photos.length })}</h2>
      <ul className="photos">
        {photos.map((photo) => (
          <Photo key={photo.id} workOrderId={workOrder.id} photo={photo} />
        ))}
      </ul>
      {canAdd ? (
        <form onSubmit={(event) => void submit(event)} className="inline-form">
          <label>
            {t('photoFile')}
            <input key={inputKey} type="file" accept="image/*" capture="environment" onChange={(event) => setFile(event.target.files?.[0])} />
          </label>
          <label>
            {t('photoCaption')}
            <input value={caption} onChange={(event) => setCaption(event.target.value)} maxLength={200} />
          </label>
          <button type="submit" disabled={busy || file === undefined}>
            {t('addPhoto')}
          </button>
          <ProblemMessage error={error} />
        </form>
      ) : null}
    </section>
  )
}

/** One photo, fetched with the token (an <img src> could not send it). */
function Photo({ workOrderId, photo }: { workOrderId: string; photo: PhotoRef }) {
  const { t, token } = useSession()
  const [url, setUrl] = useState<string | undefined>()
  useEffect(() => {
    let objectUrl: string | undefined
    void fetch(`/api/v1/work-orders/${encodeURIComponent(workOrderId)}/photos/${encodeURIComponent(photo.id)}`, { headers: { authorization: `Bearer ${token}` } })
      .then(async (response) => {
        if (!response.ok) return
        objectUrl = URL.createObjectURL(await response.blob())
        setUrl(objectUrl)
      })
      .catch(() => undefined)
    return () => {
      if (objectUrl !== undefined) URL.revokeObjectURL(objectUrl)
    }
  }, [workOrderId, photo.id, token])
  const label = photo.caption ?? t('photoBy', { by: photo.uploadedBy })
  return (
    <li data-photo={photo.id}>
      {url === undefined ? <span className="hint">{t('loading')}</span> : <img src={url} alt={label} />}
      <span className="hint">{label}</span>
    </li>
  )
}
