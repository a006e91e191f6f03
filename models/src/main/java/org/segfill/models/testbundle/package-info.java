/**
 * Tiny stand-in model bundles for tests and benchmarks: generated graphs with the real exports'
 * interfaces and small, real compute. See {@link org.segfill.models.testbundle.TinySam}.
 */
package org.segfill.models.testbundle;
