// Shows what went wrong: the API's problem title and detail, and marks the named form field.

const box = () => document.getElementById('error');

/** Shows {@code error} (an ApiError or any Error) to the user. */
export function showError(error) {
  const el = box();
  document.getElementById('error-title').textContent = error.title || 'Something went wrong';
  document.getElementById('error-detail').textContent = error.detail || error.message || '';
  el.dataset.status = String(error.status ?? '');
  el.dataset.field = error.field || '';
  el.hidden = false;
  for (const marked of document.querySelectorAll('[aria-invalid="true"]')) {
    marked.removeAttribute('aria-invalid');
  }
  if (error.field) {
    const input = document.querySelector(`#job-form [name="${CSS.escape(error.field)}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
    }
  }
}

/** Hides the error and unmarks fields. */
export function clearError() {
  box().hidden = true;
  for (const marked of document.querySelectorAll('[aria-invalid="true"]')) {
    marked.removeAttribute('aria-invalid');
  }
}

/** Wires the dismiss button. */
export function initErrors() {
  document.getElementById('error-dismiss').addEventListener('click', clearError);
}
