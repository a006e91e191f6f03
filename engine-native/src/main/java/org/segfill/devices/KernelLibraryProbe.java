package org.segfill.devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.segfill.kernels.CoreKernels;
import org.segfill.kernels.binding.CoreLib;

/** Loads the kernel library and reports its version, CPU threads and embedded GPU code. */
public final class KernelLibraryProbe {
  private static final String LIBRARY_FILE = "libsegfill_kernels.so";

  private KernelLibraryProbe() {}

  /** Loads and describes the kernel library; a broken fatbin is reported as no GPU code. */
  public static KernelLibraryReport probe() throws IOException {
    Path library = libraryPath();
    FatbinReader.Architectures archs = FatbinReader.read(library);
    return new KernelLibraryReport(CoreKernels.version(), library.toString(),
        CoreKernels.cpuThreads(), archs.cubins(), archs.ptx());
  }

  /**
   * The loaded library file. JavaCPP extracts it next to the JNI glue it links, so it sits in
   * the JNI library's directory.
   */
  public static Path libraryPath() {
    Path jni = Path.of(CoreLib.load());
    Path sibling = jni.resolveSibling(LIBRARY_FILE);
    if (!Files.exists(sibling)) {
      throw new IllegalStateException(
          LIBRARY_FILE + " is not next to the loaded JNI library " + jni);
    }
    return sibling;
  }
}
