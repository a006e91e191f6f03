// Undo/redo over masks. Masks on the server are immutable and addressed by id, so a history
// entry is just {id, area, url}; undo and redo move along the list without any server call.

const MAX_DEPTH = 100;

/** The list of mask states with a cursor; null as a state means "no mask". */
export class MaskHistory {
  #states = [];
  #index = -1;

  /** The current mask, or null. */
  get current() {
    return this.#index >= 0 ? this.#states[this.#index] : null;
  }

  /** How many undo steps are available. */
  get undoDepth() {
    return Math.max(0, this.#index);
  }

  /** How many redo steps are available. */
  get redoDepth() {
    return this.#states.length - 1 - this.#index;
  }

  /** Makes {@code state} current; what could be redone is dropped. */
  push(state) {
    this.#states.splice(this.#index + 1);
    this.#states.push(state);
    if (this.#states.length > MAX_DEPTH) {
      this.#states.shift();
    }
    this.#index = this.#states.length - 1;
  }

  /** Replaces the current state (choosing another candidate of the same click). */
  replace(state) {
    if (this.#index < 0) {
      this.push(state);
    } else {
      this.#states[this.#index] = state;
    }
  }

  /** Steps back; returns whether it did. */
  undo() {
    if (this.#index <= 0) {
      return false;
    }
    this.#index--;
    return true;
  }

  /** Steps forward; returns whether it did. */
  redo() {
    if (this.#index >= this.#states.length - 1) {
      return false;
    }
    this.#index++;
    return true;
  }

  /** Forgets everything (a new photo). */
  clear() {
    this.#states = [];
    this.#index = -1;
  }
}
