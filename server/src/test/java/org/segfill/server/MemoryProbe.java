package org.segfill.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;

/**
 * This JVM's memory as the load suite reads it: JavaCPP's native bytes, the heap in use after a
 * full collection (the live set, not the garbage between collections), and the resident set.
 */
final class MemoryProbe {

  private MemoryProbe() {}

  /**
   * The heap bytes the collector reports in use at the end of a {@code System.gc()}: the live
   * set. Not {@code MemoryMXBean.getHeapMemoryUsage()} read after the call, which under load
   * already counts the fresh allocation buffers other threads took since (tens of MiB with 30
   * busy threads); the collector's own after-collection figure is taken from its notification.
   */
  static long heapAfterGc() {
    CompletableFuture<Long> after = new CompletableFuture<>();
    NotificationListener listener = (notification, handback) -> {
      if (!notification.getType().equals(
          GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
          (CompositeData) notification.getUserData());
      if (info.getGcCause().equals("System.gc()")) {
        after.complete(info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
            .filter(e -> HEAP_POOLS.contains(e.getKey()))
            .mapToLong(e -> e.getValue().getUsed()).sum());
      }
    };
    List<NotificationEmitter> emitters = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .filter(NotificationEmitter.class::isInstance).map(NotificationEmitter.class::cast)
        .toList();
    emitters.forEach(e -> e.addNotificationListener(listener, null, null));
    try {
      System.gc();
      return after.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("no System.gc() notification within 30 s", e);
    } finally {
      for (NotificationEmitter e : emitters) {
        try {
          e.removeNotificationListener(listener);
        } catch (ListenerNotFoundException ignored) {
          // Registered above; cannot happen.
        }
      }
    }
  }

  private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
      .collect(Collectors.toSet());

  /**
   * JavaCPP's {@code Pointer.totalBytes()} once collections have released what they can: a
   * pointer left to the garbage collector is freed by JavaCPP's deallocator thread after the
   * collection, so this collects and re-reads until two reads 100 ms apart agree (at most 5 s).
   */
  static long settledNativeBytes() {
    long last = -1;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      System.gc();
      ApiAsserts.sleep(100);
      long now = Pointer.totalBytes();
      if (now == last) {
        return now;
      }
      last = now;
    }
    return last;
  }

  /** The resident set size in bytes, from {@code /proc/self/status} (VmRSS), or -1. */
  static long rssBytes() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes of NIO direct buffers not yet freed (freed by a collection after their last use). */
  static long directBytes() {
    return ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)
        .stream().filter(b -> b.getName().equals("direct"))
        .mapToLong(java.lang.management.BufferPoolMXBean::getMemoryUsed).sum();
  }

  static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }
}
