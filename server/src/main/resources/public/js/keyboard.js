// The editor's shortcuts: Z undo, Shift+Z redo, I invert, B brush. Typing in a field never
// triggers them.

/** Calls the matching handler of {undo, redo, invert, brush} for each shortcut. */
export function initKeyboard(handlers) {
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) {
      return;
    }
    const key = e.key.toLowerCase();
    const action = key === 'z' ? (e.shiftKey ? 'redo' : 'undo')
      : key === 'i' ? 'invert' : key === 'b' ? 'brush' : null;
    if (action) {
      e.preventDefault();
      handlers[action]();
    }
  });
}

const NOT_TYPED = ['range', 'checkbox', 'radio', 'button', 'submit', 'file'];

function typing(t) {
  return t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'
    || (t.tagName === 'INPUT' && !NOT_TYPED.includes(t.type));
}
