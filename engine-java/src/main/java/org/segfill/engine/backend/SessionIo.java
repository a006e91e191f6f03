package org.segfill.engine.backend;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a run's inputs and wanted outputs against a session's specs before anything reaches
 * native code, so every backend rejects bad calls with the same messages.
 */
public final class SessionIo {

  private SessionIo() {
  }

  /** Throws {@link IllegalArgumentException} unless {@code given} fits {@code specs} exactly. */
  public static void checkInputs(List<TensorSpec> specs, Map<String, Tensor> given) {
    if (given == null) {
      throw new IllegalArgumentException("inputs: must not be null; the graph takes "
          + names(specs));
    }
    Set<String> declared = names(specs);
    List<String> missing = new ArrayList<>();
    for (String name : declared) {
      if (!given.containsKey(name)) {
        missing.add(name);
      }
    }
    List<String> unknown = new ArrayList<>();
    for (String name : given.keySet()) {
      if (!declared.contains(name)) {
        unknown.add(name);
      }
    }
    if (!missing.isEmpty() || !unknown.isEmpty()) {
      StringBuilder message = new StringBuilder();
      if (!missing.isEmpty()) {
        message.append("missing inputs ").append(missing);
      }
      if (!unknown.isEmpty()) {
        message.append(message.length() > 0 ? "; " : "")
            .append("unknown inputs ").append(unknown);
      }
      throw new IllegalArgumentException(message + "; the graph takes " + specs);
    }
    for (TensorSpec spec : specs) {
      Tensor tensor = given.get(spec.name());
      if (tensor == null) {
        throw new IllegalArgumentException("input '" + spec.name() + "': is null");
      }
      spec.requireMatches(tensor);
    }
  }

  /**
   * Throws {@link IllegalArgumentException}, with the allowed range, if a given tensor lies
   * outside its input's range.
   */
  public static void checkRanges(List<ShapeRange> ranges, Map<String, Tensor> given) {
    for (ShapeRange range : ranges) {
      Tensor tensor = given.get(range.name());
      if (tensor != null) {
        range.violation(tensor.shape()).ifPresent(reason -> {
          throw new IllegalArgumentException(reason);
        });
      }
    }
  }

  /** Throws {@link IllegalArgumentException} unless {@code wanted} is a non-empty subset. */
  public static void checkWanted(List<TensorSpec> outputs, Set<String> wanted) {
    Set<String> declared = names(outputs);
    if (wanted == null || wanted.isEmpty()) {
      throw new IllegalArgumentException("wanted: name at least one of the outputs "
          + declared);
    }
    List<String> unknown = new ArrayList<>();
    for (String name : wanted) {
      if (!declared.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown outputs " + unknown
          + "; the graph produces " + declared);
    }
  }

  private static Set<String> names(List<TensorSpec> specs) {
    Set<String> names = new LinkedHashSet<>();
    for (TensorSpec spec : specs) {
      names.add(spec.name());
    }
    return names;
  }
}
