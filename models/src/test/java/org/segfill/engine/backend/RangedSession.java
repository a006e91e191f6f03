package org.segfill.engine.backend;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session that accepts only the sizes it is given, as a TensorRT plan does: it reports them as
 * its {@link #inputRanges()} and refuses a run outside them with TensorRT's message, before the
 * wrapped graph runs. For CPU tests of what the pipeline does with plans built for fewer sizes
 * ({@code build-engines --static}).
 */
public final class RangedSession extends ForwardingSession {

  private final List<ShapeRange> ranges;

  /** {@code graph} accepting only {@code ranges}; closing this closes {@code graph}. */
  public RangedSession(Session graph, List<ShapeRange> ranges) {
    super(graph);
    this.ranges = List.copyOf(ranges);
  }

  @Override
  public List<ShapeRange> inputRanges() {
    return ranges;
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> inputs, Set<String> wanted) {
    SessionIo.checkRanges(ranges, inputs);
    return super.run(inputs, wanted);
  }
}
