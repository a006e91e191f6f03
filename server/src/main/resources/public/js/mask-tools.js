// Mask refinement through the server's edit API: brush strokes, grow/shrink/feather, fill
// holes and invert each make a new mask, which becomes the current entry of the history.

import * as api from './api.js';

/** Edits the current mask of {@code history} (for {@code imageId}); resolves to the new state. */
export async function applyOps(history, imageId, size, ops) {
  const base = history.current || (await emptyMask(imageId, size));
  const edited = await api.editMask(base.id, ops);
  const state = { id: edited.id, area: edited.area, url: edited.url, origin: 'edited' };
  history.push(state);
  return state;
}

/** The op of a brush stroke over {@code points} (image pixels). */
export function strokeOp(points, radius, mode) {
  return {
    op: 'stroke',
    mode,
    radius,
    points: points.map((p) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 })),
  };
}

/** The op of a morphology button: grow, shrink or feather by {@code px}. */
export function morphOp(name, px) {
  return { op: name, px };
}

// Painting before any click starts from an all-clear mask of the photo's size.
async function emptyMask(imageId, size) {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, size.width, size.height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  const mask = await api.uploadMask(imageId, blob);
  return { id: mask.id, area: mask.area, url: mask.url, origin: 'uploaded' };
}
