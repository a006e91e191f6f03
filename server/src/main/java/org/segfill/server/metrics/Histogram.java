package org.segfill.server.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram in seconds with fixed buckets, one series per label set. */
public final class Histogram {

  /** Buckets from 1 ms to 10 min: clicks take milliseconds, CPU generations minutes. */
  public static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
      0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600};

  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

  private static final class Series {
    final LongAdder[] buckets = new LongAdder[SECONDS.length];
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();

    Series() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }
  }

  Histogram(String name, String help, List<String> labelNames) {
    this.name = name;
    this.help = help;
    this.labelNames = List.copyOf(labelNames);
  }

  /** Records one observation of {@code seconds} for {@code labelValues}. */
  public void observe(double seconds, String... labelValues) {
    if (labelValues.length != labelNames.size()) {
      throw new IllegalArgumentException(name + ": expected labels " + labelNames);
    }
    Series s = series.computeIfAbsent(List.of(labelValues), k -> new Series());
    for (int i = 0; i < SECONDS.length; i++) {
      if (seconds <= SECONDS[i]) {
        s.buckets[i].increment();
        break;
      }
    }
    s.count.increment();
    s.sum.add(seconds);
  }

  /** Observations recorded for one label set. */
  public long count(String... labelValues) {
    Series s = series.get(List.of(labelValues));
    return s == null ? 0 : s.count.sum();
  }

  void write(StringBuilder out) {
    PrometheusText.header(out, name, help, "histogram");
    series.forEach((labels, s) -> {
      long cumulative = 0;
      for (int i = 0; i < SECONDS.length; i++) {
        cumulative += s.buckets[i].sum();
        PrometheusText.sample(out, name + "_bucket", labelNames, labels,
            PrometheusText.number(SECONDS[i]), cumulative);
      }
      PrometheusText.sample(out, name + "_bucket", labelNames, labels, "+Inf", s.count.sum());
      PrometheusText.sample(out, name + "_sum", labelNames, labels, null, s.sum.sum());
      PrometheusText.sample(out, name + "_count", labelNames, labels, null, s.count.sum());
    });
  }
}
