/**
 * Mask editing (issue #3 item 5): the owned {@link org.segfill.engine.mask.Mask} value, the
 * {@link org.segfill.engine.mask.MaskEdit} operations, the
 * {@link org.segfill.engine.mask.MaskEditor} that applies them on the CPU twin of our kernels, and
 * {@link org.segfill.engine.mask.UploadedMask}, which turns an uploaded image's pixels into a mask.
 */
package org.segfill.engine.mask;
