package org.segfill.os.binding;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/** JavaCPP binding of {@code setpriority} from {@code <sys/resource.h>}. Use {@code ThreadNice}. */
@Platform(include = "sys/resource.h")
public final class PosixLib {
  static {
    Loader.load();
  }

  /** {@code PRIO_PROCESS}: on Linux, with {@code who} 0, the calling thread. */
  public static final int PRIO_PROCESS = 0;

  private PosixLib() {}

  public static native int setpriority(@Cast("__priority_which_t") int which,
      @Cast("id_t") int who, int prio);
}
