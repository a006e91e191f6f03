package org.segfill.engine.sam;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Image embeddings by image content, least recently used first out, bounded in bytes.
 *
 * <p>Single flight: while one thread computes the embedding of an image, other threads asking
 * for the same image wait for that result instead of running the encoder again. A failed
 * computation is not cached; every waiter gets its exception and the next request tries again.
 * An embedding larger than the whole budget is returned but not kept. Thread-safe.
 */
public final class EmbeddingCache {

  private final long maxBytes;
  private final Object lock = new Object();
  // Access order: iteration starts at the least recently used entry.
  private final LinkedHashMap<ImageKey, ImageEmbedding> entries =
      new LinkedHashMap<>(16, 0.75f, true);
  private final Map<ImageKey, CompletableFuture<ImageEmbedding>> inFlight = new HashMap<>();
  private long bytes;
  private long hits;
  private long misses;
  private long evictions;

  /** Counters since the cache was made, and what it holds now. */
  public record Stats(long hits, long misses, long evictions, int entries, long bytes) {}

  /**
   * A cache holding at most {@code maxBytes} of embeddings.
   *
   * @throws IllegalArgumentException unless {@code maxBytes >= 0}
   */
  public EmbeddingCache(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes: must be >= 0, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /**
   * The embedding of {@code key}: cached, being computed by another thread (then this waits), or
   * computed here by {@code compute}.
   *
   * @throws IllegalStateException if {@code compute} returns the embedding of another image
   */
  public ImageEmbedding get(ImageKey key, Supplier<ImageEmbedding> compute) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(compute, "compute");
    CompletableFuture<ImageEmbedding> mine = null;
    CompletableFuture<ImageEmbedding> theirs;
    synchronized (lock) {
      ImageEmbedding cached = entries.get(key);
      if (cached != null) {
        hits++;
        return cached;
      }
      theirs = inFlight.get(key);
      if (theirs == null) {
        misses++;
        mine = new CompletableFuture<>();
        inFlight.put(key, mine);
      }
    }
    return mine == null ? await(theirs) : computeInto(key, compute, mine);
  }

  /** The cached embedding of {@code key}, if any, without computing it. */
  public Optional<ImageEmbedding> peek(ImageKey key) {
    synchronized (lock) {
      return Optional.ofNullable(entries.get(key));
    }
  }

  public Stats stats() {
    synchronized (lock) {
      return new Stats(hits, misses, evictions, entries.size(), bytes);
    }
  }

  private ImageEmbedding computeInto(ImageKey key, Supplier<ImageEmbedding> compute,
      CompletableFuture<ImageEmbedding> mine) {
    ImageEmbedding embedding;
    try {
      embedding = compute.get();
      Objects.requireNonNull(embedding, "compute returned null");
      if (!embedding.key().equals(key)) {
        throw new IllegalStateException("compute returned the embedding of image "
            + embedding.key().sha256() + " for " + key.sha256());
      }
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        inFlight.remove(key);
      }
      mine.completeExceptionally(e);
      throw e;
    }
    synchronized (lock) {
      inFlight.remove(key);
      keep(key, embedding);
    }
    mine.complete(embedding);
    return embedding;
  }

  // Called with the lock held.
  private void keep(ImageKey key, ImageEmbedding embedding) {
    long size = embedding.bytes();
    if (size > maxBytes) {
      return;
    }
    ImageEmbedding old = entries.put(key, embedding);
    bytes += size - (old == null ? 0 : old.bytes());
    Iterator<ImageEmbedding> eldest = entries.values().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      ImageEmbedding victim = eldest.next();
      eldest.remove();
      bytes -= victim.bytes();
      evictions++;
    }
  }

  private static ImageEmbedding await(CompletableFuture<ImageEmbedding> theirs) {
    try {
      return theirs.join();
    } catch (CompletionException e) {
      // Rethrow the computing thread's own exception, so waiters see the same error type.
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
