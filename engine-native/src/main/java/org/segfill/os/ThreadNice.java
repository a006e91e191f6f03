package org.segfill.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.segfill.os.binding.PosixLib;

/**
 * Lowers the CPU priority (raises the nice value) of the calling thread, so background work
 * yields the CPU to interactive work under contention. Java's {@code Thread.setPriority} is
 * ignored on Linux, but Linux keeps a nice value per thread and threads inherit it from the
 * thread that creates them, which includes native pools (ONNX Runtime, OpenMP) started from a
 * lowered thread. Raising one's own nice needs no privilege; lowering it back does, so a lowered
 * thread stays lowered: use it for dedicated worker threads only.
 */
public final class ThreadNice {

  /** The highest nice value (the lowest priority) Linux allows. */
  public static final int MAX = 19;

  private ThreadNice() {}

  /**
   * Sets the calling thread's nice value to {@code nice} (in [0, 19]); returns why not when it
   * cannot (another OS, the native glue missing, or the call refused), so callers can log and go
   * on at normal priority.
   */
  public static Optional<String> lowerCurrentThread(int nice) {
    if (nice < 0 || nice > MAX) {
      throw new IllegalArgumentException("nice: must be in [0, " + MAX + "], got " + nice);
    }
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return Optional.of("per-thread nice values are a Linux feature; this is "
          + System.getProperty("os.name"));
    }
    try {
      // On Linux, PRIO_PROCESS with who 0 addresses the calling thread, not the process.
      if (PosixLib.setpriority(PosixLib.PRIO_PROCESS, 0, nice) != 0) {
        return Optional.of("setpriority(" + nice + ") was refused");
      }
      return Optional.empty();
    } catch (UnsatisfiedLinkError e) {
      return Optional.of("the native glue for setpriority is missing: " + e.getMessage());
    }
  }

  /** The calling thread's nice value, read from {@code /proc/thread-self/stat} (Linux). */
  public static int currentThread() throws IOException {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    // Fields after the parenthesised name (which may hold spaces): state is field 3, nice 19.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[19 - 3]);
  }
}
