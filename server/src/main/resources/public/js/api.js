// The HTTP API v1 as the page uses it. Every non-2xx answer becomes an ApiError carrying the
// server's problem+json (RFC 9457), so the page can show its detail and the field it names.

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

async function request(method, url, body, contentType) {
  const headers = { Accept: 'application/json' };
  if (contentType) {
    headers['Content-Type'] = contentType;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body });
  } catch (e) {
    throw new ApiError(0, { title: 'The server cannot be reached', detail: String(e.message) });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    // Not JSON (a proxy's error page, say): reported below with the status.
  }
  if (!response.ok) {
    throw new ApiError(response.status, json || { detail: text.slice(0, 200) });
  }
  return json;
}

const postJson = (url, body) => request('POST', url, JSON.stringify(body), 'application/json');

/** Uploads a photo (a File or Blob) as the raw body; resolves to {id, width, height, url}. */
export function uploadImage(file) {
  return request('POST', '/v1/images', file, file.type || 'application/octet-stream');
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
