/**
 * JMH benchmarks of the segfill kernels (CPU twin here, CUDA where present), with OpenCV
 * counterparts and a STREAM copy/triad memory-bandwidth reference measured in the same run.
 */
package org.segfill.bench;
