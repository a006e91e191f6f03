// The candidate masks of the last click, each with a thumbnail, its score and its area; one
// is chosen. Hovering a candidate shows it on the photo until the pointer leaves.

import * as api from './api.js';

const THUMB_WIDTH = 72;

/**
 * Renders {@code masks} into {@code container}: {@code onChoose(mask)} on a choice,
 * {@code onHover(mask)} when the pointer enters one and {@code onHover(null)} when it leaves.
 */
export function showCandidates(container, masks, chosenId, onChoose, onHover) {
  container.replaceChildren();
  container.dataset.count = String(masks.length);
  masks.forEach((m, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'candidate';
    b.dataset.index = String(i);
    b.dataset.maskId = m.id;
    b.dataset.score = String(m.score);
    b.dataset.area = String(m.area);
    const thumb = document.createElement('canvas');
    thumb.className = 'thumb';
    const label = document.createElement('span');
    label.textContent = `#${i + 1} · score ${Number(m.score).toFixed(3)} · ${m.area} px`;
    b.append(thumb, label);
    b.addEventListener('click', () => onChoose(m));
    b.addEventListener('mouseenter', () => onHover(m));
    b.addEventListener('mouseleave', () => onHover(null));
    container.append(b);
    drawThumb(thumb, m.url).catch(() => {
      // A thumbnail is a convenience; the label says the same.
    });
  });
  markChosen(container, chosenId);
}

/** Marks the candidate whose mask id is {@code maskId} as chosen (aria-pressed). */
export function markChosen(container, maskId) {
  for (const b of container.querySelectorAll('.candidate')) {
    b.setAttribute('aria-pressed', String(b.dataset.maskId === maskId));
  }
}

/** Removes every candidate. */
export function clearCandidates(container) {
  container.replaceChildren();
  container.dataset.count = '0';
}

async function drawThumb(canvas, url) {
  const { bitmap } = await api.png(url);
  canvas.width = THUMB_WIDTH;
  canvas.height = Math.max(1, Math.round((bitmap.height * THUMB_WIDTH) / bitmap.width));
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
}
