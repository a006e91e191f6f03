// The results gallery: each variant with a before/after slider over the original photo, its
// seed, and a download link.

/** Adds result {@code r} of job {@code jobId} (for photo {@code imageUrl}) to the gallery. */
export function addResult(gallery, imageUrl, jobId, r) {
  const figure = document.createElement('figure');
  figure.className = 'result';
  figure.dataset.job = jobId;
  figure.dataset.index = String(r.index);
  figure.dataset.seed = r.seed === null || r.seed === undefined ? '' : String(r.seed);

  const compare = document.createElement('div');
  compare.className = 'compare';
  const before = image(imageUrl, 'before', 'Before');
  const after = image(r.url, 'after', `Result ${r.index + 1}`);
  compare.append(before, after);

  const slider = document.createElement('input');
  slider.type = 'range';
  slider.min = '0';
  slider.max = '100';
  slider.value = '50';
  slider.className = 'compare-slider';
  slider.setAttribute('aria-label', 'before / after');
  // CSSOM writes are allowed under the CSP (no inline style attributes are).
  const reveal = () => {
    after.style.clipPath = `inset(0 0 0 ${slider.value}%)`;
  };
  slider.addEventListener('input', reveal);
  reveal();

  const caption = document.createElement('figcaption');
  const download = document.createElement('a');
  download.href = r.url;
  download.download = `segfill-${jobId}-${r.index}.png`;
  download.className = 'download';
  download.textContent = 'Download';
  const seed = r.seed === null || r.seed === undefined ? 'classic' : `seed ${r.seed}`;
  caption.append(`#${r.index + 1} · ${seed} · `, download);

  figure.append(compare, slider, caption);
  gallery.prepend(figure);
  gallery.dataset.count = String(gallery.querySelectorAll('.result').length);
}

function image(src, className, alt) {
  const img = document.createElement('img');
  img.src = src;
  img.className = className;
  img.alt = alt;
  return img;
}
