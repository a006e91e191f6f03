/** The ONNX Runtime (CPU) implementation of the backend interface. */
package org.segfill.engine.backend.ort;
