package org.segfill.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code segfill serve} as a real child JVM on this test's class path, on a free loopback port,
 * so a test can kill it with SIGKILL. Its log (stderr) goes to a file next to the results.
 */
final class ChildServer implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final int port;

  private ChildServer(Process process) throws InterruptedException {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(
          process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        // The process was killed; its output ends here.
      }
    }, "child-server-stdout");
    reader.setDaemon(true);
    reader.start();
    Matcher listening = LISTENING.matcher(awaitLine("listening on"));
    if (!listening.find()) {
      throw new AssertionError("no port in the child's first line");
    }
    port = Integer.parseInt(listening.group(1));
    awaitLine("segfill serve: ready");
  }

  /**
   * Starts {@code segfill serve --port 0 --results DIR} plus {@code args}, with the JVM system
   * properties {@code props} ("key=value"), and waits until its engines are ready (60 s).
   */
  static ChildServer start(Path results, Path log, List<String> props, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    props.forEach(p -> command.add("-D" + p));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.segfill.cli.Main");
    command.addAll(List.of("serve", "--port", "0", "--results", results.toString(),
        "--shutdown-grace-seconds", "0"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    try {
      return new ChildServer(p);
    } catch (RuntimeException | AssertionError | InterruptedException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** The child's exit code, once it has exited by itself within {@code seconds}. */
  int awaitExit(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("the child server " + process.pid() + " still runs after "
          + seconds + " s");
    }
    return process.exitValue();
  }

  /** Whether the child still runs. */
  boolean alive() {
    return process.isAlive();
  }

  /** Sends SIGKILL (no shutdown hook runs) and waits for the process to be gone. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the child server " + process.pid() + " survived SIGKILL");
    }
  }

  private String awaitLine(String prefix) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.contains(prefix)) {
        return line;
      }
      if (line == null && !process.isAlive()) {
        throw new AssertionError("the child server exited with " + process.exitValue()
            + " before printing '" + prefix + "'");
      }
    }
    throw new AssertionError("the child server did not print '" + prefix + "' within 60 s");
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while stopping", e));
    }
  }
}
