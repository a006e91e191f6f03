// The clicks and the box of the current selection, and the segment request they make.
// SAM's own refinement loop: the first click asks for 3 candidates; a later added point sends
// the previous SAM mask as previousMask (its low-res logits), when the segmenter supports it;
// otherwise (hf layout, classic) every point is sent again.

/** Points and box in image pixels, plus the SAM mask a next click may refine. */
export class Prompt {
  points = [];
  box = null;
  /** Id of the SAM mask the last click returned and the user kept, or null. */
  refinable = null;

  /** Forgets everything (a new photo, or "clear points"). */
  clear() {
    this.points = [];
    this.box = null;
    this.refinable = null;
  }

  /** Whether there is anything to segment. */
  get empty() {
    return this.points.length === 0 && this.box === null;
  }

  /** The segment body after adding point {@code p}. */
  add(p, caps) {
    this.points.push({ x: round(p.x), y: round(p.y), positive: p.positive });
    return this.#body(caps, true);
  }

  /** The segment body after removing point {@code index} (all prompts re-sent). */
  remove(index, caps) {
    this.points.splice(index, 1);
    this.refinable = null;
    return this.#body(caps, false);
  }

  /** The segment body after setting the box. */
  setBox(b, caps) {
    this.box = { x0: round(b.x0), y0: round(b.y0), x1: round(b.x1), y1: round(b.y1) };
    this.refinable = null;
    return this.#body(caps, false);
  }

  #body(caps, added) {
    const body = { points: this.points.map((p) => ({ ...p })) };
    if (this.box) {
      body.box = { ...this.box };
    }
    const prompts = this.points.length + (this.box ? 1 : 0);
    if (added && prompts > 1 && caps.previousMask && this.refinable) {
      body.previousMask = this.refinable;
    }
    // The first prompt gets SAM's three candidates, so the user can choose.
    body.multimask = prompts === 1;
    return body;
  }
}

function round(v) {
  return Math.round(v * 100) / 100;
}
