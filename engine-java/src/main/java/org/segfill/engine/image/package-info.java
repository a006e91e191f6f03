/**
 * Images in memory: decoded 8-bit RGB pixels, their decoding, encoding and limits.
 *
 * <p>{@link org.segfill.engine.image.ImageDecoder} turns uploaded bytes into an
 * {@link org.segfill.engine.image.RgbImage} (or {@link org.segfill.engine.image.DecodedPixels} for
 * masks): format by magic bytes ({@link org.segfill.engine.image.ImageFormat}), header and
 * {@link org.segfill.engine.image.ImageLimits} before any pixel allocation, container integrity,
 * then OpenCV. Every refusal is an {@link org.segfill.engine.image.ImageRejectedException} with a
 * {@link org.segfill.engine.image.ImageRejectedException.Kind}.
 * {@link org.segfill.engine.image.PngEncoder} writes PNGs and
 * {@link org.segfill.engine.image.PngText} adds and reads their {@code tEXt} chunks.
 */
package org.segfill.engine.image;
