// Runs one generation job at a time: starts it, follows its server-sent events into the
// progress bar and the job line, hands each result to the gallery, and cancels on request.

import * as api from './api.js';
import { drawPreview } from './preview.js';

const MAX_RECONNECTS = 3;
const RECONNECT_MS = 1000;

/** The job panel: progress bar, state line and cancel button. */
export class JobPanel {
  #progress = document.getElementById('progress');
  #preview = document.getElementById('preview');
  #state = document.getElementById('job-state');
  #cancel = document.getElementById('cancel');
  #generate = document.getElementById('generate');
  #stop = null;
  #job = null;
  #count = 1;
  #results = 0;
  #onResult;
  #onError;

  /** {@code onResult(jobId, result)} for each finished variant; {@code onError(e)} on failure. */
  constructor(onResult, onError) {
    this.#onResult = onResult;
    this.#onError = onError;
    this.#cancel.addEventListener('click', () => this.cancel());
  }

  /** Whether a job is queued or running. */
  get busy() {
    return this.#job !== null;
  }

  /** Starts a job for {@code body}; errors (problem+json) reject. */
  async start(body) {
    const created = await api.createJob(body);
    this.#job = created.id;
    this.#count = created.request.count;
    this.#results = 0;
    this.#progress.value = 0;
    this.#progress.dataset.step = '0';
    this.#progress.dataset.steps = '0';
    this.#progress.dataset.results = '0';
    this.#progress.dataset.events = '0';
    this.#preview.hidden = true;
    this.#preview.dataset.previews = '0';
    this.#state.dataset.jobId = created.id;
    const seed = created.request.seed;
    this.#setState('queued', `Job ${created.id} queued (seed ${seed}).`);
    this.#generate.disabled = true;
    this.#cancel.disabled = false;
    this.#follow(created.events);
    return created;
  }

  /** Asks the server to cancel the current job; the events stream says when it stopped. */
  async cancel() {
    if (!this.#job) {
      return;
    }
    this.#cancel.disabled = true;
    try {
      await api.cancelJob(this.#job);
    } catch (e) {
      this.#onError(e);
    }
  }

  // Events come from a fetch stream (api.js). If it ends before the job does (a proxy's
  // timeout, a restart), it is opened again: the server replays the state and the results.
  #follow(url, retries = MAX_RECONNECTS) {
    const job = this.#job;
    this.#stop = api.streamEvents(url, (name, data) => this.#event(name, data), (error) => {
      if (this.#job !== job) {
        return;
      }
      if (retries > 0) {
        setTimeout(() => {
          if (this.#job === job) {
            this.#follow(url, retries - 1);
          }
        }, RECONNECT_MS);
      } else {
        this.#end('unknown', 'Lost the job\'s event stream.');
        this.#onError(error || { title: 'Lost the job\'s event stream', detail: 'Reload'
          + ' the page; finished results stay on the server.' });
      }
    });
  }

  #event(name, data) {
    switch (name) {
      case 'queued':
        this.#setState('queued', 'Waiting for a worker…');
        break;
      case 'step':
        this.#step(data);
        break;
      case 'result':
        this.#results = Math.max(this.#results, data.index + 1);
        this.#progress.dataset.results = String(this.#results);
        this.#showProgress(0, 1);
        this.#onResult(this.#job, data);
        break;
      case 'done':
        this.#progress.value = 1;
        this.#end('succeeded', `Done: ${data.results.length} result(s).`
          + ` ${(data.warnings || []).join(' ')}`);
        break;
      case 'failed': {
        const why = data.error ? data.error.detail || data.error.title : 'unknown error';
        this.#end('failed', `Failed: ${why}`);
        this.#onError({ title: 'The job failed', detail: why,
          status: data.error ? data.error.status : '' });
        break;
      }
      case 'cancelled':
        this.#end('cancelled', `Cancelled at step ${data.step} of ${data.steps}.`);
        break;
      default:
        break;
    }
  }

  #step(s) {
    this.#progress.dataset.events = String(Number(this.#progress.dataset.events) + 1);
    if (s.preview) {
      drawPreview(this.#preview, s.preview).catch(() => {
        // A preview that does not decode is skipped; the progress bar carries on.
      });
    }
    this.#progress.dataset.step = String(s.step);
    this.#progress.dataset.steps = String(s.steps);
    this.#showProgress(s.step, s.steps);
    this.#setState('running', `Variant ${this.#results + 1} of ${this.#count}:`
      + ` step ${s.step} of ${s.steps}`);
  }

  // Steps count per variant; the bar covers all variants of the job.
  #showProgress(step, steps) {
    const within = steps > 0 ? step / steps : 0;
    const overall = Math.min(1, (this.#results + within) / this.#count);
    this.#progress.value = Math.max(Number(this.#progress.value), overall);
  }

  #end(state, text) {
    if (this.#stop) {
      this.#stop();
      this.#stop = null;
    }
    this.#setState(state, text);
    this.#job = null;
    this.#generate.disabled = false;
    this.#cancel.disabled = true;
  }

  #setState(state, text) {
    this.#state.dataset.state = state;
    this.#state.textContent = text;
  }
}
