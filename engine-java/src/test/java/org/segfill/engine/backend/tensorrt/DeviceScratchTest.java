package org.segfill.engine.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
  }

  @Test
  void theLastSessionFreesTheBlock() {
    scratch.join(100);
    scratch.join(200);
    scratch.leave();
    assertEquals(200, scratch.bytes());
    scratch.leave();
    assertEquals(0, scratch.bytes());
    assertEquals(List.of("alloc 100", "free 100", "alloc 200", "free 200"), events);
    assertThrows(IllegalStateException.class, scratch::leave);
  }

  @Test
  void aLeaseNeedsTheLockAndGrowsTheBlockIfNeeded() {
    scratch.join(100);
    assertThrows(IllegalStateException.class, () -> scratch.lease(100));
    scratch.lock().lock();
    try {
      DeviceScratch.Block block = scratch.lease(50);
      assertEquals(100, block.bytes());
      assertSame(block, scratch.lease(100));
      assertEquals(400, scratch.lease(400).bytes());
    } finally {
      scratch.lock().unlock();
    }
  }

  @Test
  void aGraphWithoutActivationsLeasesNothing() {
    scratch.join(0);
    scratch.lock().lock();
    try {
      assertNull(scratch.lease(0));
    } finally {
      scratch.lock().unlock();
    }
    assertEquals(List.of(), events);
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
