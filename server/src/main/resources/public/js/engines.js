// Shows the engines in use (from /v1/engines, polled while they load) and, with no SDXL
// bundle, the notice of what the classic engine can and cannot do.

import * as api from './api.js';

const POLL_MS = 500;

/** Resolves to the engines once ready: {segmenter, inpainter, backend, ...}. */
export async function loadEngines() {
  const line = document.getElementById('engines');
  for (;;) {
    let e;
    try {
      e = await api.engines();
    } catch (err) {
      line.textContent = `Engines unavailable: ${err.detail || err.message}`;
      line.dataset.state = 'error';
      throw err;
    }
    if (e.state === 'ready') {
      show(line, e);
      return e;
    }
    if (e.state === 'failed') {
      line.textContent = `The engines failed to load: ${e.failure}`;
      line.dataset.state = 'failed';
      throw new Error(e.failure);
    }
    line.textContent = 'Loading the engines…';
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function show(line, e) {
  const seg = e.segmenter;
  const inp = e.inpainter;
  line.dataset.state = 'ready';
  line.dataset.segmenter = seg.engine;
  line.dataset.inpainter = inp.engine;
  line.dataset.backend = e.backend.selected;
  const segText = seg.engine === 'sam' ? `SAM (${seg.bundle}, ${seg.layout} layout)`
    : 'classic GrabCut';
  const inpText = inp.engine === 'sdxl' ? `SDXL inpainting (${inp.bundle})`
    : 'classic (compositing and OpenCV fill)';
  line.textContent = `Segmenter: ${segText} · Inpainter: ${inpText} · Backend: `
    + `${e.backend.selected} on ${e.device}`;
  document.getElementById('classic-notice').hidden = inp.generates !== false;
}
