package org.segfill.bench.load;

import java.util.List;

/**
 * What the load benchmark runs: every client count with every generation count, each point
 * measured for {@code seconds} after {@code warmupSeconds}; jobs use {@code generationSteps}.
 */
public record LoadSettings(List<Integer> clients, List<Integer> generations,
    double warmupSeconds, double seconds, int generationSteps) {

  public LoadSettings {
    clients = List.copyOf(clients);
    generations = List.copyOf(generations);
    if (clients.stream().anyMatch(c -> c < 1) || generations.stream().anyMatch(g -> g < 0)) {
      throw new IllegalArgumentException("clients must be >= 1 and generations >= 0");
    }
    if (!(seconds > 0 && warmupSeconds >= 0)) {
      throw new IllegalArgumentException("seconds: must be > 0, warmupSeconds >= 0");
    }
  }

  /** The grid, 1, 8 and 32 clients with 0 and 2 generations; short windows. */
  public static LoadSettings quick() {
    return new LoadSettings(List.of(1, 8, 32), List.of(0, 2), 1, 3, 30);
  }

  /** The same grid with longer windows, for the figures of record. */
  public static LoadSettings full() {
    return new LoadSettings(List.of(1, 8, 32), List.of(0, 2), 3, 15, 30);
  }
}
