/** Writing small ONNX graphs from Java with our own protobuf schema subset. */
package org.segfill.models.onnx;
