// Maps between the canvas as shown on screen (CSS pixels, scaled to fit the page) and the
// image's own pixels. The canvas's drawing buffer is the image's size, so only the CSS scale
// and the canvas's border lie between a mouse event and an image pixel.

const EDGE = 0.01;

/** Image pixel coordinates (continuous, x right, y down) of a mouse event over the canvas. */
export function eventToImage(canvas, event) {
  const rect = canvas.getBoundingClientRect();
  // getBoundingClientRect includes the border; clientLeft/Top are its widths.
  const x = (event.clientX - rect.left - canvas.clientLeft) * (canvas.width / canvas.clientWidth);
  const y = (event.clientY - rect.top - canvas.clientTop) * (canvas.height / canvas.clientHeight);
  // The API takes x in [0, width): a press on the far edge is the last pixel's far side.
  return { x: clamp(x, 0, canvas.width - EDGE), y: clamp(y, 0, canvas.height - EDGE) };
}

/** Image pixels per CSS pixel (1 when the canvas is shown at its natural size). */
export function imagePixelsPerCssPixel(canvas) {
  return canvas.clientWidth > 0 ? canvas.width / canvas.clientWidth : 1;
}

function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * Sizes the canvas on screen to fit {@code box} (its container) and at most {@code maxHeight}
 * CSS pixels, keeping the photo's ratio: small photos are enlarged, large ones reduced.
 */
export function fitToBox(canvas, box, maxHeight) {
  const width = box.clientWidth;
  if (width <= 0 || canvas.width <= 1) {
    return;
  }
  const scale = Math.min(width / canvas.width, maxHeight / canvas.height);
  canvas.style.width = `${Math.floor(canvas.width * scale)}px`;
  canvas.style.height = `${Math.floor(canvas.height * scale)}px`;
}
