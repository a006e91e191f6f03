package org.segfill.bench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;
import org.segfill.bench.Traffic;

/**
 * Runs the stage suites through JMH's Java API, in SampleTime mode (every operation timed, so
 * percentiles are exact over the samples), one forked JVM per benchmark as JMH advises, and
 * turns the results into {@link StageResult}s.
 *
 * @param warmupIterations warm-up iterations per benchmark
 * @param iterations measured iterations per benchmark
 * @param iterationSeconds length of each iteration
 * @param forks forked JVMs per benchmark; 0 runs in this JVM (tests only: less isolated)
 */
public record SuiteRunner(int warmupIterations, int iterations, int iterationSeconds,
    int forks) {

  /** About 5 s per benchmark plus the fork's start. */
  public static SuiteRunner quick() {
    return new SuiteRunner(1, 2, 1, 1);
  }

  /** About 14 s per benchmark plus the fork's start. */
  public static SuiteRunner full() {
    return new SuiteRunner(2, 5, 2, 1);
  }

  /** What one run measured. */
  public record Outcome(double copyGbPerSecond, List<StageResult> stages) {}

  /**
   * Runs {@code stages} (and the copy reference when {@code withCopy}) on every backend.
   *
   * @param params JMH parameters for every suite, e.g. {@code sam -> [dir]}
   * @param bytes stage id to the bytes it streams per operation (for the floor), may be partial
   */
  public Outcome run(List<Stage> stages, boolean withCopy, Map<String, List<String>> params,
      Map<String, Long> bytes) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .mode(Mode.SampleTime)
        .timeUnit(TimeUnit.MILLISECONDS)
        .warmupIterations(warmupIterations)
        .warmupTime(TimeValue.seconds(iterationSeconds))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(iterationSeconds))
        .forks(forks)
        .shouldFailOnError(true);
    if (withCopy) {
      options.include(exactly(Stage.COPY.benchmark()));
    }
    for (Stage stage : stages) {
      options.include(exactly(stage.benchmark()));
    }
    params.forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
    Collection<RunResult> results = new Runner(options.build()).run();

    double copyGbs = Double.NaN;
    List<StageResult> out = new ArrayList<>();
    for (RunResult run : results) {
      String benchmark = run.getParams().getBenchmark();
      Stage stage = Stage.ofBenchmark(benchmark).orElseThrow(
          () -> new IllegalStateException("unexpected benchmark " + benchmark));
      Statistics stats = run.getPrimaryResult().getStatistics();
      if (stage.equals(Stage.COPY)) {
        copyGbs = Traffic.bytesPerOp("BandwidthBench.copy") / (stats.getPercentile(50) * 1e6);
        continue;
      }
      out.add(new StageResult(stage.id(), run.getParams().getParam("backend"), stats.getN(),
          stats.getPercentile(50), stats.getPercentile(90), stats.getPercentile(99),
          stats.getMean(), bytes.getOrDefault(stage.id(), 0L)));
    }
    out.sort(Comparator.comparingInt(s -> Stage.MODEL_STAGES.indexOf(
        Stage.ofId(s.stage()).orElseThrow())));
    return new Outcome(copyGbs, out);
  }

  private static String exactly(String benchmark) {
    return "^" + Pattern.quote(benchmark) + "$";
  }
}
