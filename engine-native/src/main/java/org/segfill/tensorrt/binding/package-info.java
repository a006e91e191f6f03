/** JavaCPP binding of segfill's TensorRT release helper. Use {@link org.segfill.tensorrt}. */
package org.segfill.tensorrt.binding;
