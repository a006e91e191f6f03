/**
 * CUDA runtime helpers over the org.bytedeco cuda presets: streams and device buffers, each owned
 * by one object and freed deterministically with try-with-resources.
 */
package org.segfill.cuda;
