package org.segfill.models.sdxl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segfill.engine.backend.ForwardingSession;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;

/**
 * A {@link Session} that runs another one and keeps every call's input and output tensors, so a
 * test can check exactly what reached a graph. It does not own the graph it wraps: closing it
 * leaves that graph open, so one set of loaded graphs serves many recorded generations.
 */
public final class RecordingSession extends ForwardingSession {

  /** One run: the tensors fed and the tensors returned, by name. */
  public record Call(Map<String, Tensor> inputs, Map<String, Tensor> outputs) {

    public Call {
      inputs = Map.copyOf(inputs);
      outputs = Map.copyOf(outputs);
    }

    /** The input {@code name} as floats. */
    public float[] input(String name) {
      return require(inputs, name, "input").toFloatArray();
    }

    /** The output {@code name} as floats. */
    public float[] output(String name) {
      return require(outputs, name, "output").toFloatArray();
    }

    private static Tensor require(Map<String, Tensor> tensors, String name, String kind) {
      Tensor t = tensors.get(name);
      if (t == null) {
        throw new IllegalArgumentException("no " + kind + " '" + name + "' in this call; it has "
            + tensors.keySet());
      }
      return t;
    }
  }

  private final List<Call> calls = new ArrayList<>();

  /** Records the runs of {@code graph}, which stays open when this is closed. */
  public RecordingSession(Session graph) {
    super(graph);
  }

  // Inputs are copied: a caller may refill a wrapped buffer for its next call (the denoising
  // loop reuses one UNet input buffer), so a kept reference would show later data.
  @Override
  public synchronized Map<String, Tensor> run(Map<String, Tensor> inputs, Set<String> wanted) {
    Map<String, Tensor> outputs = super.run(inputs, wanted);
    Map<String, Tensor> snapshot = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
      Tensor t = e.getValue();
      snapshot.put(e.getKey(), Tensor.ofBytes(t.dtype(), t.shape(), t.data()));
    }
    calls.add(new Call(snapshot, outputs));
    return outputs;
  }

  /** The calls so far, in order. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    // The wrapped graph belongs to whoever opened it.
  }
}
