package org.segfill.devices;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns native-library load failures into one short, actionable sentence. */
final class MissingLibrary {
  private static final Pattern CANNOT_OPEN =
      Pattern.compile("(lib[\\w.+-]+\\.so[\\w.]*): cannot open shared object file");
  private static final List<String> SYSTEM_DIRS = List.of(
      "/lib", "/usr/lib", "/lib64", "/usr/lib64", "/lib/x86_64-linux-gnu",
      "/usr/lib/x86_64-linux-gnu", "/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib");

  private MissingLibrary() {}

  /** The first "libX.so.N" the dynamic loader could not open, or null. */
  static String unresolved(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = CANNOT_OPEN.matcher(t.getMessage());
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    return null;
  }

  /** Whether a library file of that name exists on the loader's usual search path. */
  static boolean onSearchPath(String fileName) {
    List<String> dirs = new ArrayList<>(SYSTEM_DIRS);
    for (String variable : new String[] {"LD_LIBRARY_PATH"}) {
      String value = System.getenv(variable);
      if (value != null) {
        dirs.addAll(List.of(value.split(File.pathSeparator)));
      }
    }
    dirs.addAll(List.of(System.getProperty("java.library.path", "").split(File.pathSeparator)));
    return dirs.stream().filter(d -> !d.isEmpty())
        .anyMatch(d -> Files.exists(Path.of(d, fileName)));
  }

  /** The innermost message of a throwable chain. */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
