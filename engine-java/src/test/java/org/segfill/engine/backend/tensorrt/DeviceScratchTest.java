package org.segfill.engine.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * One activation block for a bundle's sessions: as large as the largest need, never the sum,
 * grown before it is needed, freed with the last session, and only lent under the run lock.
 */
class DeviceScratchTest {

  private final List<String> events = new ArrayList<>();
  private final DeviceScratch scratch = new DeviceScratch(bytes -> {
    events.add("alloc " + bytes);
    return new DeviceScratch.Block() {
      @Override
      public Pointer address() {
        return new Pointer();
      }

      @Override
      public long bytes() {
        return bytes;
      }

      @Override
      public void close() {
        events.add("free " + bytes);
      }
    };
  });

  @Test
  void theBlockIsTheLargestNeedNotTheSum() {
    scratch.join(300);   // text encoder
    scratch.join(5000);  // UNet
    scratch.join(2000);  // VAE decoder
    assertEquals(5000, scratch.bytes());
    assertEquals(List.of("alloc 300", "free 300", "alloc 5000"), events);
    assertEquals(List.of(), events.stream().filter(e -> e.contains("2000")).toList());
  }

  @Test
  void theLastSessionFreesTheBlock() {
    scratch.join(1000);
    scratch.join(2000);
    scratch.leave();
    assertEquals(2000, scratch.bytes());
    scratch.leave();
    assertEquals(0, scratch.bytes());
    assertEquals(List.of("alloc 1000", "free 1000", "alloc 2000", "free 2000"), events);
    assertThrows(IllegalStateException.class, scratch::leave);
  }

  @Test
  void aLeaseNeedsTheLockAndGrowsTheBlockIfNeeded() {
    scratch.join(1000);
    assertThrows(IllegalStateException.class, () -> scratch.lease(1000));
    scratch.lock().lock();
    try {
      DeviceScratch.Block block = scratch.lease(500);
      assertEquals(1000, block.bytes());
      assertSame(block, scratch.lease(1000));
      assertEquals(4000, scratch.lease(4000).bytes());
    } finally {
      scratch.lock().unlock();
    }
  }

  @Test
  void aGraphWithoutActivationsStillGetsTheSmallestBlock() {
    scratch.join(0);
    scratch.lock().lock();
    try {
      assertEquals(DeviceScratch.MIN_BYTES, scratch.lease(0).bytes());
    } finally {
      scratch.lock().unlock();
    }
    assertEquals(List.of("alloc " + DeviceScratch.MIN_BYTES), events);
  }

  @Test
  void aSessionOpenedInsideARunMayNotGrowTheBlockUnderIt() {
    scratch.join(1000);
    scratch.lock().lock();
    try {
      assertThrows(IllegalStateException.class, () -> scratch.join(2000));
      scratch.join(500);
      assertEquals(1000, scratch.bytes());
    } finally {
      scratch.lock().unlock();
    }
  }

  @Test
  void aRunInsideAnotherRunOfTheBundleIsRefused() {
    scratch.join(100);
    scratch.lock().lock();
    scratch.lock().lock();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> scratch.lease(100));
      assertEquals(true, e.getMessage().contains("inside another"), e.getMessage());
    } finally {
      scratch.lock().unlock();
      scratch.lock().unlock();
    }
  }

  @Test
  void aNegativeNeedIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> scratch.join(-1));
  }
}
