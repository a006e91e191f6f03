package org.segfill.server.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus counter with labels: one monotonically increasing count per label set. */
public final class Counter {

  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final Map<List<String>, LongAdder> values = new ConcurrentHashMap<>();

  Counter(String name, String help, List<String> labelNames) {
    this.name = name;
    this.help = help;
    this.labelNames = List.copyOf(labelNames);
  }

  /** Adds one to the count of {@code labelValues} (in the order of the label names). */
  public void inc(String... labelValues) {
    if (labelValues.length != labelNames.size()) {
      throw new IllegalArgumentException(name + ": expected labels " + labelNames);
    }
    values.computeIfAbsent(List.of(labelValues), k -> new LongAdder()).increment();
  }

  /** The count of one label set (0 if never counted). */
  public long get(String... labelValues) {
    LongAdder v = values.get(List.of(labelValues));
    return v == null ? 0 : v.sum();
  }

  void write(StringBuilder out) {
    PrometheusText.header(out, name, help, "counter");
    values.forEach((labels, v) ->
        PrometheusText.sample(out, name, labelNames, labels, null, v.sum()));
  }
}
