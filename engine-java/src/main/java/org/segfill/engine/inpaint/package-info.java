/**
 * What every inpainter shares (model contract part 0 item 8): the
 * {@link org.segfill.engine.inpaint.Target} enum, the
 * {@link org.segfill.engine.inpaint.BackgroundSpec} values of the API's {@code background} field,
 * the {@link org.segfill.engine.inpaint.RepaintMask} (selection, inverted for background, grown,
 * feathered) and {@link org.segfill.engine.inpaint.PasteBack}, which composites new content so that
 * pixels outside the feathered mask keep their original bytes exactly. The OpenCV engine is in
 * {@code classic}.
 */
package org.segfill.engine.inpaint;
