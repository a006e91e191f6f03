package org.segfill.engine.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Tensor;

class EmbeddingCacheTest {

  // Each embedding below holds 1000 floats = 4000 bytes.
  private static final long SIZE = 4000;

  private static ImageKey key(int i) {
    return new ImageKey(String.format("%064x", i));
  }

  private static ImageEmbedding embedding(int i) {
    return new ImageEmbedding(key(i), SamFrame.of(10, 10),
        Tensor.zeros(DType.FLOAT32, new long[] {1000}));
  }

  @Test
  void evictsTheLeastRecentlyUsedWhenOverBudget() {
    EmbeddingCache cache = new EmbeddingCache(3 * SIZE);
    for (int i = 0; i < 3; i++) {
      int n = i;
      cache.get(key(i), () -> embedding(n));
    }
    cache.get(key(0), () -> { throw new AssertionError("0 is cached"); });
    cache.get(key(3), () -> embedding(3));
    assertTrue(cache.peek(key(1)).isEmpty(), "1 was least recently used");
    assertTrue(cache.peek(key(0)).isPresent());
    assertEquals(new EmbeddingCache.Stats(1, 4, 1, 3, 3 * SIZE), cache.stats());
  }

  @Test
  void anEmbeddingLargerThanTheBudgetIsReturnedButNotKept() {
    EmbeddingCache cache = new EmbeddingCache(SIZE - 1);
    ImageEmbedding e = cache.get(key(1), () -> embedding(1));
    assertEquals(key(1), e.key());
    assertEquals(0, cache.stats().entries());
    assertEquals(0, cache.stats().bytes());
  }

  @Test
  void concurrentRequestsForOneImageComputeItOnce() throws Exception {
    EmbeddingCache cache = new EmbeddingCache(100 * SIZE);
    AtomicInteger computed = new AtomicInteger();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ImageEmbedding>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> cache.get(key(7), () -> {
          computed.incrementAndGet();
          inside.countDown();
          await(release);
          return embedding(7);
        })));
      }
      assertTrue(inside.await(10, TimeUnit.SECONDS));
      // Give the other seven time to arrive and wait on the one computation.
      Thread.sleep(100);
      release.countDown();
      ImageEmbedding first = results.get(0).get(10, TimeUnit.SECONDS);
      for (Future<ImageEmbedding> r : results) {
        assertSame(first, r.get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, computed.get());
      assertEquals(1, cache.stats().misses());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailureReachesEveryWaiterAndIsNotCached() throws Exception {
    EmbeddingCache cache = new EmbeddingCache(100 * SIZE);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<ImageEmbedding> computing = pool.submit(() -> cache.get(key(5), () -> {
        inside.countDown();
        await(release);
        throw new IllegalStateException("encoder failed");
      }));
      assertTrue(inside.await(10, TimeUnit.SECONDS));
      Future<ImageEmbedding> waiting = pool.submit(() -> cache.get(key(5), () -> {
        throw new AssertionError("must wait for the running computation");
      }));
      Thread.sleep(100);
      release.countDown();
      for (Future<ImageEmbedding> f : List.of(computing, waiting)) {
        Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
        assertEquals("encoder failed", e.getCause().getMessage());
      }
      AtomicInteger retried = new AtomicInteger();
      cache.get(key(5), () -> {
        retried.incrementAndGet();
        return embedding(5);
      });
      assertEquals(1, retried.get(), "the next request computes again");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEmbeddingOfAnotherImageIsRefused() {
    EmbeddingCache cache = new EmbeddingCache(100 * SIZE);
    assertThrows(IllegalStateException.class, () -> cache.get(key(1), () -> embedding(2)));
    assertEquals(0, cache.stats().entries());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
