// The results gallery: each variant with a before/after slider over the original photo, its
// seed, and a download link. Pictures are drawn from fetched bitmaps (see api.js: the token),
// and the download link points at the fetched bytes.

import * as api from './api.js';

/** Adds result {@code r} of job {@code jobId} (over {@code photo}, an ImageBitmap). */
export async function addResult(gallery, photo, jobId, r) {
  const key = `${jobId}/${r.index}`;
  // A re-opened event stream replays results already shown.
  if ([...gallery.querySelectorAll('.result')].some((f) => f.dataset.key === key)) {
    return;
  }
  const figure = document.createElement('figure');
  figure.className = 'result';
  figure.dataset.key = key;
  figure.dataset.job = jobId;
  figure.dataset.index = String(r.index);
  figure.dataset.url = r.url;
  figure.dataset.seed = r.seed === null || r.seed === undefined ? '' : String(r.seed);
  gallery.prepend(figure);
  gallery.dataset.count = String(gallery.querySelectorAll('.result').length);

  const { blob, bitmap } = await api.png(r.url);
  const compare = document.createElement('div');
  compare.className = 'compare';
  const after = picture(bitmap, 'after', `Result ${r.index + 1}`);
  compare.append(picture(photo, 'before', 'Before'), after);
  bitmap.close();

  const slider = document.createElement('input');
  slider.type = 'range';
  slider.min = '0';
  slider.max = '100';
  slider.value = '50';
  slider.className = 'compare-slider';
  slider.setAttribute('aria-label', 'before / after');
  // CSSOM writes are allowed under the CSP (inline style attributes are not).
  const reveal = () => {
    after.style.clipPath = `inset(0 0 0 ${slider.value}%)`;
  };
  slider.addEventListener('input', reveal);
  reveal();

  const caption = document.createElement('figcaption');
  const download = document.createElement('a');
  download.href = URL.createObjectURL(blob);
  download.download = `segfill-${jobId}-${r.index}.png`;
  download.className = 'download';
  download.textContent = 'Download';
  const seed = figure.dataset.seed === '' ? 'classic' : `seed ${r.seed}`;
  caption.append(`#${r.index + 1} · ${seed} · `, download);

  figure.append(compare, slider, caption);
  figure.dataset.loaded = 'true';
}

function picture(bitmap, className, label) {
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.className = className;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  canvas.getContext('2d').drawImage(bitmap, 0, 0);
  return canvas;
}
