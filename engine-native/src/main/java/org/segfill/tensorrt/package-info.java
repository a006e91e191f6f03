/**
 * Ownership of TensorRT objects: {@link org.segfill.tensorrt.TrtObject} deletes what a TensorRT
 * factory returned, {@link org.segfill.tensorrt.TrtScope} closes owners newest first.
 */
package org.segfill.tensorrt;
