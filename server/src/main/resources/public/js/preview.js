// Step previews: the server sends a small PNG as a data: URI with each step. The CSP
// (img-src 'self') forbids loading data: URIs into images, so the bytes are decoded here and
// drawn as a bitmap, which loads nothing.

/** Draws the preview {@code dataUri} on {@code canvas}; counts it in data-previews. */
export async function drawPreview(canvas, dataUri) {
  const comma = dataUri.indexOf(',');
  if (!dataUri.startsWith('data:image/png;base64,') || comma < 0) {
    return;
  }
  const bytes = Uint8Array.from(atob(dataUri.slice(comma + 1)), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d').drawImage(bitmap, 0, 0);
  bitmap.close();
  canvas.hidden = false;
  canvas.dataset.previews = String(Number(canvas.dataset.previews || 0) + 1);
}
