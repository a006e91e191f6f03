/**
 * Inference backends behind one small interface: {@link org.segfill.engine.backend.SessionFactory}
 * opens a graph file as a reusable {@link org.segfill.engine.backend.Session} that takes and
 * returns named host {@link org.segfill.engine.backend.Tensor}s checked against declared
 * {@link org.segfill.engine.backend.TensorSpec}s.
 */
package org.segfill.engine.backend;
