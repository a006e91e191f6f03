// Reads the generation form into the body of POST /v1/jobs. Ranges are the server's to check:
// its problem+json names the field, which the page then marks.

/** The job body for {@code imageId} and {@code maskId} from the form's fields. */
export function readJobForm(form, imageId, maskId) {
  const f = form.elements;
  const body = {
    image: imageId,
    mask: maskId,
    target: f.target.value,
    prompt: f.prompt.value,
    negativePrompt: f.negativePrompt.value,
    guidanceScale: Number(f.guidanceScale.value),
    steps: Number(f.steps.value),
    strength: Number(f.strength.value),
    count: Number(f.count.value),
    sampler: f.sampler.value,
    region: f.region.value,
    maskGrow: Number(f.maskGrow.value),
    maskFeather: Number(f.maskFeather.value),
    colorMatch: f.colorMatch.checked,
    previews: true,
  };
  if (f.seed.value.trim() !== '') {
    body.seed = Number(f.seed.value);
  }
  if (f.background.value.trim() !== '') {
    body.background = f.background.value.trim();
  }
  return body;
}

/** A uniformly random seed in [0, 2^53 - 1]. */
export function randomSeed() {
  const words = crypto.getRandomValues(new Uint32Array(2));
  // 21 + 32 random bits: at most 2^53 - 1, exact in a JavaScript number.
  return (words[0] & 0x1fffff) * 2 ** 32 + words[1];
}

/** Keeps the guidance slider's number shown beside it. */
export function initJobForm(form) {
  const guidance = form.elements.guidanceScale;
  const shown = document.getElementById('guidance-value');
  guidance.addEventListener('input', () => {
    shown.textContent = guidance.value;
  });
  document.getElementById('random-seed').addEventListener('click', () => {
    form.elements.seed.value = String(randomSeed());
  });
}
