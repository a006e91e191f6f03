// The HTTP API v1 as the page uses it. Every non-2xx answer becomes an ApiError carrying the
// server's problem+json (RFC 9457), so the page can show its detail and the field it names.
// When the server has a token, every call (images and event streams included) carries it as
// a bearer header: that is why images are fetched as bitmaps, not loaded by URL, and events
// are read from a fetch stream, not an EventSource (neither can send a header).

const TOKEN_KEY = 'segfill.token';

/** An error answer of the API: status, title, detail and the offending field, if any. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || `HTTP ${status}`;
    this.detail = problem.detail || '';
    this.field = problem.field || null;
  }
}

/** Remembers the server's token for this tab (sessionStorage), or forgets it for ''. */
export function setToken(token) {
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

function headers(extra) {
  const h = { ...extra };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    h.Authorization = `Bearer ${token}`;
  }
  return h;
}

async function send(method, url, body, contentType, accept, signal) {
  const h = headers({ Accept: accept });
  if (contentType) {
    h['Content-Type'] = contentType;
  }
  let response;
  try {
    response = await fetch(url, { method, headers: h, body, signal });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, { title: 'The server cannot be reached', detail: String(e.message) });
  }
  if (!response.ok) {
    const text = await response.text();
    let problem;
    try {
      problem = JSON.parse(text);
    } catch (e) {
      problem = { detail: text.slice(0, 200) };
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

async function request(method, url, body, contentType) {
  const response = await send(method, url, body, contentType, 'application/json');
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

const postJson = (url, body) => request('POST', url, JSON.stringify(body), 'application/json');

/** Uploads a photo (a File or Blob) as the raw body; resolves to {id, width, height, url}. */
export function uploadImage(file) {
  return request('POST', '/v1/images', file, file.type || 'application/octet-stream');
}

/** A PNG of the API (photo, mask, result) as {blob, bitmap}. */
export async function png(url) {
  const blob = await (await send('GET', url, undefined, null, 'image/png')).blob();
  return { blob, bitmap: await createImageBitmap(blob) };
}

/** Clicks and a box to masks: {masks:[{id, score, area, url}], best, bestIndex, engine}. */
export function segment(imageId, body) {
  return postJson(`/v1/images/${encodeURIComponent(imageId)}/segment`, body);
}

/** Uploads a mask PNG for an image; resolves to {id, area, url}. */
export function uploadMask(imageId, pngBlob) {
  return request('POST', `/v1/masks?image=${encodeURIComponent(imageId)}`, pngBlob, 'image/png');
}

/** Applies edit ops to a mask; resolves to the new mask {id, area, url}. */
export function editMask(maskId, ops) {
  return postJson(`/v1/masks/${encodeURIComponent(maskId)}/edit`, { ops });
}

/** Starts a generation job; resolves to {id, events, request}. */
export function createJob(body) {
  return postJson('/v1/jobs', body);
}

/** Cancels a job, queued or running. */
export function cancelJob(jobId) {
  return request('DELETE', `/v1/jobs/${encodeURIComponent(jobId)}`);
}

/** What /v1/engines says: segmenter, inpainter, backend, state. */
export function engines() {
  return request('GET', '/v1/engines');
}

/**
 * Reads the server-sent events at {@code url}: {@code onEvent(name, data)} for each, then
 * {@code onEnd(error)} once the stream ends (error null when it simply closed). Returns a
 * function that stops reading.
 */
export function streamEvents(url, onEvent, onEnd) {
  const abort = new AbortController();
  (async () => {
    const response = await send('GET', url, undefined, null, 'text/event-stream', abort.signal);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end), onEvent);
        buffer = buffer.slice(end + 2);
      }
    }
  })().then(() => onEnd(null), (e) => {
    if (e.name !== 'AbortError') {
      onEnd(e);
    }
  });
  return () => abort.abort();
}

// One event block: "event: NAME" and "data: JSON" lines; comments (": keep-alive") are skipped.
function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) {
      name = line.slice(6).trim();
    } else if (line.startsWith('data:')) {
      data.push(line.slice(5).replace(/^ /, ''));
    }
  }
  if (data.length) {
    onEvent(name, JSON.parse(data.join('\n')));
  }
}
