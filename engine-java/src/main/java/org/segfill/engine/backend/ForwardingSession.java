package org.segfill.engine.backend;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A session that forwards everything to another one; subclasses override what they change (a
 * session that counts, records or replays runs, for tests and benchmarks). Closing it closes the
 * wrapped session.
 */
public abstract class ForwardingSession implements Session {

  private final Session delegate;

  protected ForwardingSession(Session delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The wrapped session. */
  protected Session delegate() {
    return delegate;
  }

  @Override
  public List<TensorSpec> inputs() {
    return delegate.inputs();
  }

  @Override
  public List<TensorSpec> outputs() {
    return delegate.outputs();
  }

  @Override
  public List<ShapeRange> inputRanges() {
    return delegate.inputRanges();
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> inputs, Set<String> wanted) {
    return delegate.run(inputs, wanted);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
