/** The segfill engine: images, tensors, the SAM predictor, the SDXL pipeline and backends. */
package org.segfill.engine;
