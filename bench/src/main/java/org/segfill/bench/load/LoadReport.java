package org.segfill.bench.load;

import java.util.List;

/**
 * The server load benchmark's result.
 *
 * @param server what was loaded: the URL, or a description of the in-process server
 * @param imageSize the clicked photo, e.g. {@code 1024x768}
 * @param secondsPerPoint the measured window of each point
 * @param points one per (clients, generations); clients 0 is generation throughput alone
 */
public record LoadReport(String server, String imageSize, double secondsPerPoint,
    List<LoadPoint> points) {

  public LoadReport {
    points = List.copyOf(points);
  }
}
