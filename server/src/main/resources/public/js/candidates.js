// The candidate masks of the last click, with their scores and areas; one is chosen.

/** Renders {@code masks} into {@code container}; {@code onChoose(mask)} on a choice. */
export function showCandidates(container, masks, chosenId, onChoose) {
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
    b.textContent = `#${i + 1} · score ${Number(m.score).toFixed(3)} · ${m.area} px`;
    b.addEventListener('click', () => onChoose(m));
    container.append(b);
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
