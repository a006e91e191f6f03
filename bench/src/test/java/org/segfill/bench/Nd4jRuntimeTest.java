package org.segfill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J 1.0.0-M2.1 was built against JavaCPP 1.5.7 and OpenBLAS 0.3.19; the root pom forces
 * 1.5.13 and 0.3.31-1.5.13. This checks that its native backend loads on those and computes
 * right: a matrix product (OpenBLAS gemm) and an element-wise op (libnd4j's own loops) against
 * plain Java.
 */
class Nd4jRuntimeTest {

  @Test
  void runsOnTheJavaCppThePomPins() throws IOException {
    assertEquals("1.5.13", Loader.getVersion(), "JavaCPP on the class path");
    // Loading the backend is the point: a JavaCPP/ND4J mismatch fails here with a link error.
    assertEquals("CpuBackend", Nd4j.getBackend().getClass().getSimpleName());
    // libnd4jcpu links libopenblas.so.0; ND4J's preset loads it from the openblas preset jar,
    // which JavaCPP extracts to a cache directory named after that jar.
    assertTrue(Loader.getLoadedLibraries().values().stream()
            .anyMatch(path -> path.contains("openblas-0.3.31-1.5.13")),
        "OpenBLAS loaded from: " + Loader.getLoadedLibraries());
  }

  @Test
  void matrixProductMatchesPlainJava() {
    int m = 17;
    int k = 23;
    int n = 11;
    float[] a = random(m * k, 1);
    float[] b = random(k * n, 2);
    INDArray product = Nd4j.create(a, new long[] {m, k}, DataType.FLOAT)
        .mmul(Nd4j.create(b, new long[] {k, n}, DataType.FLOAT));
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double expected = 0;
        for (int p = 0; p < k; p++) {
          expected += (double) a[i * k + p] * b[p * n + j];
        }
        // 23 float products summed in float by gemm: well inside 1e-5 of terms of size ~1.
        assertEquals(expected, product.getFloat(i, j), 1e-5 * k, "product[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void elementwiseOpsMatchPlainJava() {
    float[] x = random(1000, 3);
    float[] y = random(1000, 4);
    INDArray result = Nd4j.create(x, new long[] {1000}, DataType.FLOAT);
    result.muli(2.5f).addi(Nd4j.create(y, new long[] {1000}, DataType.FLOAT));
    for (int i = 0; i < x.length; i++) {
      // One float multiply and one float add, each correctly rounded: the same bits as Java.
      assertEquals(x[i] * 2.5f + y[i], result.getFloat(i), 0f, "element " + i);
    }
  }

  private static float[] random(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return values;
  }
}
