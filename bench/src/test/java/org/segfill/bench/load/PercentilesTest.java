package org.segfill.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOnOneToHundred() {
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) {
      v[i] = 100 - i; // unsorted on purpose
    }
    Percentiles p = new Percentiles(v);
    assertEquals(50, p.at(50));
    assertEquals(99, p.at(99));
    assertEquals(100, p.at(100));
    assertEquals(1, p.at(0.5));
  }

  @Test
  void oneSampleIsEveryPercentileAndNoneIsRefused() {
    assertEquals(7, new Percentiles(new double[] {7}).at(99));
    assertThrows(IllegalArgumentException.class, () -> new Percentiles(new double[0]));
    assertThrows(IllegalArgumentException.class, () -> new Percentiles(new double[] {1}).at(0));
  }
}
