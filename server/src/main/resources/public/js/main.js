// The editor page: wires the photo, the selection, the mask tools, the job panel and the
// gallery together. Every server call goes through one queue, so clicks apply in order, and
// body[data-pending] counts the calls in flight (0 when the page is settled).

import * as api from './api.js';
import { listen } from './canvas-input.js';
import { clearCandidates, markChosen, showCandidates } from './candidates.js';
import { loadEngines } from './engines.js';
import { clearError, initErrors, showError } from './errors.js';
import { addResult } from './gallery.js';
import { initJobForm, readJobForm } from './job-form.js';
import { JobPanel } from './jobs.js';
import { initKeyboard } from './keyboard.js';
import { MaskHistory } from './mask-history.js';
import { applyOps, morphOp, strokeOp } from './mask-tools.js';
import { Overlay } from './overlay.js';
import { Prompt } from './prompt.js';
import { askForToken } from './token.js';
import { initUpload } from './upload.js';
import { fitToBox } from './view.js';

const $ = (id) => document.getElementById(id);
const canvas = $('canvas');
const overlay = new Overlay(canvas);
const prompt = new Prompt();
const history = new MaskHistory();
const jobs = new JobPanel((jobId, r) => addResult($('gallery'), photo.bitmap, jobId, r)
  .catch(showError), showError);

let photo = null;
let caps = { box: false, previousMask: false };
let brush = false;
let pendingBox = null;
let stroke = null;
let queue = Promise.resolve();
let pending = 0;

/** Runs {@code task} after every earlier one; its errors are shown to the user. */
function enqueue(task) {
  pending++;
  document.body.dataset.pending = String(pending);
  queue = queue.then(task).catch(showError).finally(() => {
    pending--;
    document.body.dataset.pending = String(pending);
  });
  return queue;
}

// The photo fills the stage's width, up to 72% of the window's height.
function fit() {
  fitToBox(canvas, $('stage'), Math.round(window.innerHeight * 0.72));
  render();
}

function status(text) {
  $('status').textContent = text;
}

function render() {
  overlay.draw({ points: prompt.points, box: prompt.box, pendingBox, stroke });
  const ps = $('prompt-state');
  const positive = prompt.points.filter((p) => p.positive).length;
  ps.dataset.points = String(prompt.points.length);
  ps.dataset.positive = String(positive);
  ps.dataset.negative = String(prompt.points.length - positive);
  ps.dataset.box = String(prompt.box !== null);
  ps.textContent = `${positive} positive, ${prompt.points.length - positive} negative point(s)`
    + (prompt.box ? ', a box' : '');
  const ms = $('mask-state');
  const m = history.current;
  ms.dataset.maskId = m ? m.id : '';
  ms.dataset.area = String(m ? m.area : 0);
  ms.dataset.undo = String(history.undoDepth);
  ms.dataset.redo = String(history.redoDepth);
  const share = m && photo ? ((100 * m.area) / (photo.width * photo.height)).toFixed(1) : '0';
  ms.textContent = m ? `Mask ${m.id.slice(0, 8)}: ${m.area} px (${share}% of the photo)`
    : 'No mask.';
  $('undo').disabled = history.undoDepth === 0;
  $('redo').disabled = history.redoDepth === 0;
}

async function showMask() {
  await overlay.setMask(history.current ? history.current.url : null);
  render();
}

async function openPhoto(file) {
  clearError();
  status(`Uploading ${file.name}…`);
  const uploaded = await api.uploadImage(file);
  const { bitmap } = await api.png(uploaded.url);
  photo = { ...uploaded, bitmap };
  canvas.dataset.imageId = photo.id;
  canvas.dataset.width = String(photo.width);
  canvas.dataset.height = String(photo.height);
  overlay.setPhoto(bitmap);
  fit();
  prompt.clear();
  history.clear();
  history.push(null);
  clearCandidates($('candidates'));
  $('dropzone').dataset.state = 'loaded';
  await showMask();
  status(`${photo.width}x${photo.height} photo. Click the subject.`);
}

function maskState(m, engine) {
  return { id: m.id, area: m.area, url: m.url, origin: engine };
}

async function runSegment(body) {
  if (!photo) {
    return;
  }
  if (prompt.empty) {
    history.push(null);
    clearCandidates($('candidates'));
    await showMask();
    status('No points: the selection is empty.');
    return;
  }
  const started = performance.now();
  const r = await api.segment(photo.id, body);
  const best = r.masks.find((m) => m.id === r.best) || r.masks[0];
  history.push(maskState(best, r.engine));
  prompt.refinable = r.engine === 'sam' && caps.previousMask ? best.id : null;
  showCandidates($('candidates'), r.masks, best.id, (m) => enqueue(() => choose(m, r.engine)),
    (m) => preview(m).catch(showError));
  await showMask();
  const ms = Math.round(performance.now() - started);
  status(`${r.masks.length} candidate(s) from ${r.engine} in ${ms} ms; best score`
    + ` ${Number(best.score).toFixed(3)}.`);
}

async function choose(m, engine) {
  history.replace(maskState(m, engine));
  if (prompt.refinable) {
    prompt.refinable = m.id;
  }
  markChosen($('candidates'), m.id);
  await showMask();
}

// Shows candidate {@code m} on the photo while hovered; null shows the current mask again.
async function preview(m) {
  const url = m ? m.url : history.current && history.current.url;
  await overlay.setMask(url || null);
  render();
}

async function edit(ops) {
  if (!photo) {
    return;
  }
  await applyOps(history, photo.id, photo, ops);
  // An edited mask has no SAM logits to refine; the next click re-sends every point.
  prompt.refinable = null;
  await showMask();
}

function undo() {
  if (history.undo()) {
    enqueue(showMask);
  }
}

function redo() {
  if (history.redo()) {
    enqueue(showMask);
  }
}

function setBrush(on) {
  brush = on;
  $('brush-toggle').setAttribute('aria-pressed', String(on));
  canvas.classList.toggle('brushing', on);
  status(on ? 'Brush: drag over the photo to paint the mask.' : 'Select: click the subject.');
}

function brushMode() {
  return document.querySelector('input[name="brushMode"]:checked').value;
}

function brushRadius() {
  return Number($('brush-radius').value);
}

listen(canvas, () => ({ brush, points: prompt.points }), {
  onPoint: (p) => enqueue(() => runSegment(prompt.add(p, caps))),
  onRemovePoint: (i) => enqueue(() => runSegment(prompt.remove(i, caps))),
  onBox: (b) => {
    pendingBox = null;
    if (!caps.box) {
      render();
      showError({ title: 'No box input', detail: 'This SAM bundle (hf layout) takes points'
        + ' only; click inside the object instead.' });
      return;
    }
    enqueue(() => runSegment(prompt.setBox(b, caps)));
  },
  onBoxProgress: (b) => {
    pendingBox = b;
    render();
  },
  onStrokeProgress: (points) => {
    stroke = { points, radius: brushRadius(), mode: brushMode() };
    render();
  },
  onStroke: (points) => {
    const op = strokeOp(points, brushRadius(), brushMode());
    enqueue(() => edit([op])).finally(() => {
      stroke = null;
      render();
    });
  },
});

initUpload($('stage'), $('file-input'), (file) => enqueue(() => openPhoto(file)));
initErrors();
initJobForm($('job-form'));
initKeyboard({
  undo,
  redo,
  invert: () => enqueue(() => edit([{ op: 'invert' }])),
  brush: () => setBrush(!brush),
});

window.addEventListener('resize', fit);
$('brush-toggle').addEventListener('click', () => setBrush(!brush));
$('brush-radius').addEventListener('input', () => {
  $('brush-radius-value').textContent = $('brush-radius').value;
});
$('undo').addEventListener('click', undo);
$('redo').addEventListener('click', redo);
$('clear-selection').addEventListener('click', () => {
  prompt.clear();
  enqueue(() => runSegment({}));
});
for (const b of document.querySelectorAll('#mask-tools [data-op]')) {
  b.addEventListener('click', () => {
    const op = b.dataset.op;
    const ops = op === 'invert' || op === 'fillHoles' ? [{ op }]
      : [morphOp(op, Number($('morph-px').value))];
    enqueue(() => edit(ops));
  });
}
$('mask-input').addEventListener('change', () => {
  const file = $('mask-input').files[0];
  $('mask-input').value = '';
  if (file && photo) {
    enqueue(async () => {
      const m = await api.uploadMask(photo.id, file);
      history.push(maskState(m, 'uploaded'));
      prompt.refinable = null;
      await showMask();
    });
  }
});
$('job-form').addEventListener('submit', (e) => {
  e.preventDefault();
  clearError();
  if (!photo || !history.current) {
    showError({ title: 'Nothing to generate from', detail: 'Upload a photo and select the'
      + ' subject first (click it, or paint it with the brush).' });
    return;
  }
  enqueue(() => jobs.start(readJobForm($('job-form'), photo.id, history.current.id)));
});

// Loads the engines; a 401 asks for the token, then tries again.
async function start() {
  for (;;) {
    try {
      const e = await loadEngines();
      caps = { box: e.segmenter.box === true, previousMask: e.segmenter.previousMask === true };
      document.body.dataset.ready = 'true';
      clearError();
      return;
    } catch (err) {
      if (err.status !== 401) {
        throw err;
      }
      showError(err);
      await askForToken();
    }
  }
}

enqueue(start);
render();
