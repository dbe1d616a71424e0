import { uploadDocument } from '../../shared/assistance-requests.ts';

export { postOnce, yuanToFen } from '../../shared/assistance-requests.ts';

/** Longest side of a photo sent from the phone: papers stay legible, uploads stay small on mobile data. */
const MAX_PHOTO_SIDE = 1800;

/** A camera photo scaled down to a JPEG (a 12-megapixel photo is 4-6 MB; this is ~300-600 KB). PDFs pass through. */
export async function shrinkPhoto(file: File): Promise<{ blob: Blob; name: string }> {
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function')
    return { blob: file, name: file.name };
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) return { blob: file, name: file.name };
    return { blob, name: `${file.name.replace(/\.[^.]+$/, '') || 'photo'}.jpg` };
  } catch {
    return { blob: file, name: file.name };
  }
}

/** Uploads one photo or PDF of a paper to one's own application. */
export async function uploadPortalDocument(caseId: string, kind: string, file: File): Promise<void> {
  const { blob, name } = await shrinkPhoto(file);
  await uploadDocument(`/portal/assistance/applications/${encodeURIComponent(caseId)}/documents`, kind, blob, name);
}
