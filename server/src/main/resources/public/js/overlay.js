// Draws the photo, the mask overlay, the box, the points and the brush stroke being drawn on
// the editor canvas, whose drawing buffer has the photo's size.

import * as api from './api.js';
import { imagePixelsPerCssPixel } from './view.js';

const MASK_RGB = [30, 144, 255];
const MASK_ALPHA = 120;
// Decoded mask PNGs kept for undo/redo; the oldest is dropped (and fetched again if needed).
const MAX_CACHED_MASKS = 32;

/** The editor canvas: set the photo and mask, then call draw() with the prompt state. */
export class Overlay {
  #canvas;
  #photo = null;
  #maskLayer = null;
  #maskPngs = new Map();
  #maskRequest = 0;

  constructor(canvas) {
    this.#canvas = canvas;
  }

  /** Shows a new photo (an ImageBitmap); drops the mask. */
  setPhoto(bitmap) {
    this.#photo = bitmap;
    this.#maskLayer = null;
    this.#canvas.width = bitmap.width;
    this.#canvas.height = bitmap.height;
  }

  /** Shows the mask at {@code url} (a mask PNG of the photo's size), or none for null. */
  async setMask(url) {
    // Only the latest call wins: hovering candidates quickly must not leave an older one shown.
    const request = ++this.#maskRequest;
    const layer = url ? tint(await this.#load(url)) : null;
    if (request === this.#maskRequest) {
      this.#maskLayer = layer;
    }
  }

  /** Redraws everything: {points:[{x,y,positive}], box, stroke:{points, radius, mode}}. */
  draw({ points = [], box = null, pendingBox = null, stroke = null } = {}) {
    const ctx = this.#canvas.getContext('2d');
    ctx.clearRect(0, 0, this.#canvas.width, this.#canvas.height);
    if (!this.#photo) {
      return;
    }
    ctx.drawImage(this.#photo, 0, 0);
    if (this.#maskLayer) {
      ctx.drawImage(this.#maskLayer, 0, 0);
    }
    // Marks keep their on-screen size whatever the display scale.
    const unit = imagePixelsPerCssPixel(this.#canvas);
    for (const b of [box, pendingBox]) {
      if (b) {
        ctx.lineWidth = 2 * unit;
        ctx.setLineDash(b === pendingBox ? [6 * unit, 4 * unit] : []);
        ctx.strokeStyle = '#ffd400';
        ctx.strokeRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
      }
    }
    ctx.setLineDash([]);
    for (const p of points) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, 6 * unit, 0, 2 * Math.PI);
      ctx.fillStyle = p.positive ? '#1db954' : '#e5383b';
      ctx.fill();
      ctx.lineWidth = 2 * unit;
      ctx.strokeStyle = '#fff';
      ctx.stroke();
    }
    if (stroke && stroke.points.length) {
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.lineWidth = 2 * stroke.radius;
      ctx.strokeStyle = stroke.mode === 'add' ? 'rgba(30,144,255,0.5)' : 'rgba(255,255,255,0.5)';
      ctx.beginPath();
      ctx.moveTo(stroke.points[0].x, stroke.points[0].y);
      for (const p of stroke.points) {
        ctx.lineTo(p.x, p.y);
      }
      ctx.stroke();
    }
  }

  // Mask PNGs never change for an id, so undo and redo redraw from this cache.
  async #load(url) {
    let image = this.#maskPngs.get(url);
    if (!image) {
      image = (await api.png(url)).bitmap;
      this.#maskPngs.set(url, image);
      if (this.#maskPngs.size > MAX_CACHED_MASKS) {
        const oldest = this.#maskPngs.keys().next().value;
        this.#maskPngs.get(oldest).close();
        this.#maskPngs.delete(oldest);
      }
    }
    return image;
  }
}

// The gray mask as a translucent blue layer: selected pixels tinted, the rest clear.
function tint(maskImage) {
  const layer = document.createElement('canvas');
  layer.width = maskImage.width;
  layer.height = maskImage.height;
  const ctx = layer.getContext('2d');
  ctx.drawImage(maskImage, 0, 0);
  const data = ctx.getImageData(0, 0, layer.width, layer.height);
  const px = data.data;
  for (let i = 0; i < px.length; i += 4) {
    const level = px[i];
    px[i] = MASK_RGB[0];
    px[i + 1] = MASK_RGB[1];
    px[i + 2] = MASK_RGB[2];
    px[i + 3] = (level * MASK_ALPHA) / 255;
  }
  ctx.putImageData(data, 0, 0);
  return layer;
}
