// Turns mouse gestures on the editor canvas into editing intents, in image pixels:
//   select mode: onPoint({x, y, positive}), onRemovePoint(index), onBox({x0, y0, x1, y1})
//   brush mode:  onStroke([{x, y}, ...]) once the button is released
// A press that moves less than DRAG_CSS_PX is a click; more is a box (or a brush stroke).

import { eventToImage, imagePixelsPerCssPixel } from './view.js';

const DRAG_CSS_PX = 6;
const HIT_CSS_PX = 10;

/** Listens on {@code canvas}; {@code state()} gives {brush, points}; handlers get intents. */
export function listen(canvas, state, handlers) {
  let press = null;

  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  canvas.addEventListener('mousedown', (e) => {
    if (e.button !== 0 && e.button !== 2) {
      return;
    }
    e.preventDefault();
    const at = eventToImage(canvas, e);
    press = { button: e.button, alt: e.altKey, clientX: e.clientX, clientY: e.clientY, at,
      dragging: false, stroke: [at] };
    if (state().brush) {
      handlers.onStrokeProgress(press.stroke);
    }
  });

  canvas.addEventListener('mousemove', (e) => {
    if (!press) {
      return;
    }
    const at = eventToImage(canvas, e);
    if (Math.hypot(e.clientX - press.clientX, e.clientY - press.clientY) >= DRAG_CSS_PX) {
      press.dragging = true;
    }
    if (state().brush) {
      press.stroke.push(at);
      handlers.onStrokeProgress(press.stroke);
    } else if (press.dragging && press.button === 0) {
      handlers.onBoxProgress(box(press.at, at));
    }
  });

  window.addEventListener('mouseup', (e) => {
    if (!press) {
      return;
    }
    const p = press;
    press = null;
    const at = eventToImage(canvas, e);
    if (state().brush) {
      p.stroke.push(at);
      handlers.onStroke(p.stroke);
      return;
    }
    if (p.dragging && p.button === 0) {
      handlers.onBox(box(p.at, at));
      return;
    }
    const hit = nearestPoint(state().points, p.at, HIT_CSS_PX * imagePixelsPerCssPixel(canvas));
    if (hit >= 0) {
      handlers.onRemovePoint(hit);
    } else {
      handlers.onPoint({ x: p.at.x, y: p.at.y, positive: p.button === 0 && !p.alt });
    }
  });
}

function box(a, b) {
  return { x0: Math.min(a.x, b.x), y0: Math.min(a.y, b.y), x1: Math.max(a.x, b.x),
    y1: Math.max(a.y, b.y) };
}

function nearestPoint(points, at, within) {
  let best = -1;
  let bestDistance = within;
  points.forEach((p, i) => {
    const d = Math.hypot(p.x - at.x, p.y - at.y);
    if (d <= bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}
