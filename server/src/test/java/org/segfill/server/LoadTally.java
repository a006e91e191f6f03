package org.segfill.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the load clients saw: responses by operation and status, and every 5xx in full. */
final class LoadTally {

  private final Map<String, LongAdder> byOpAndStatus = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> notes = new ConcurrentHashMap<>();
  private final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
  private final List<String> clientErrors = Collections.synchronizedList(new ArrayList<>());

  /** Records one response of operation {@code op}. */
  void record(String op, ApiClient.Resp r) {
    record(op, r.status());
    if (r.status() >= 500) {
      serverErrors.add(op + ": " + r);
    }
  }

  void record(String op, int status) {
    byOpAndStatus.computeIfAbsent(op + " " + status, k -> new LongAdder()).increment();
  }

  /** Counts something about a response beyond its status (e.g. "429 with Retry-After"). */
  void note(String what) {
    notes.computeIfAbsent(what, k -> new LongAdder()).increment();
  }

  long notes(String what) {
    LongAdder n = notes.get(what);
    return n == null ? 0 : n.sum();
  }

  /** A request that got no response at all (connection refused or reset, timeout). */
  void failed(String op, Throwable e) {
    clientErrors.add(op + ": " + e);
  }

  /** Responses with {@code status}, over every operation. */
  long status(int status) {
    return byStatus().getOrDefault(status, 0L);
  }

  long count(String op, int status) {
    LongAdder n = byOpAndStatus.get(op + " " + status);
    return n == null ? 0 : n.sum();
  }

  long total() {
    return byOpAndStatus.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Map<Integer, Long> byStatus() {
    Map<Integer, Long> out = new TreeMap<>();
    byOpAndStatus.forEach((k, v) -> out.merge(Integer.parseInt(k.substring(k.lastIndexOf(' ')
        + 1)), v.sum(), Long::sum));
    return out;
  }

  /** "op status: n" lines, sorted. */
  Map<String, Long> byOperation() {
    Map<String, Long> out = new TreeMap<>();
    byOpAndStatus.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  List<String> serverErrors() {
    return List.copyOf(serverErrors);
  }

  List<String> clientErrors() {
    return List.copyOf(clientErrors);
  }
}
