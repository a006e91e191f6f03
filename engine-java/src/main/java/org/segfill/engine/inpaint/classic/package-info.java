/**
 * The classic inpainter (OpenCV), used when no SDXL bundle is installed:
 * {@link org.segfill.engine.inpaint.classic.ClassicInpainter} takes an image, the user's mask and
 * a {@link org.segfill.engine.inpaint.classic.ClassicInpaintRequest}, and returns a
 * {@link org.segfill.engine.inpaint.classic.ClassicResult} with its recipe. Shift-map inpainting
 * with a Poisson blend removes objects; colour, blur and image backgrounds replace regions by
 * compositing.
 */
package org.segfill.engine.inpaint.classic;
