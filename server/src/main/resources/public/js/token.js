// The server's bearer token, asked for when the API answers 401 (a server started with
// --token). It is kept for this tab only (sessionStorage) and sent by api.js.

import { setToken } from './api.js';

/** Shows the token form; resolves once a token has been entered. */
export function askForToken() {
  const form = document.getElementById('token-form');
  const input = document.getElementById('token');
  form.hidden = false;
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      setToken(input.value.trim());
      input.value = '';
      form.hidden = true;
      resolve();
    }, { once: true });
  });
}
