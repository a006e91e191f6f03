package org.segfill.server.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import org.segfill.engine.image.RgbImage;

/**
 * One running job's events on their way out, in the order the generation produced them, with
 * the step previews encoded on the {@link PreviewEncoder}'s threads. Nothing here waits for an
 * encode: the generation thread only queues.
 *
 * <p>The ordering rule: an event leaves once every event before it has left, and a step event
 * with a preview leaves once its preview is encoded (or dropped). So a result or the terminal
 * event never overtakes a step, and no preview comes after {@code done}, {@code failed} or
 * {@code cancelled}; the terminal event may leave up to one encode after the generation ended.
 * A preview the encoder has not started when the next step's preview arrives is stale and is
 * dropped: its step event still leaves, in its place, without a preview. Previews may therefore
 * skip steps when the encoder is slower than the steps; step events never do.
 *
 * <p>Thread-safe. Events are published under this outbox's lock (the job's own methods never
 * block, see {@link JobEventSink}), so concurrent publishers cannot reorder them.
 */
public final class JobOutbox {

  private final Job job;
  private final PreviewEncoder encoder;
  // All guarded by this.
  private final Deque<Entry> entries = new ArrayDeque<>();
  private Entry waiting; // the step whose preview waits for the encoder to start on it
  private boolean encoding; // a task of this job is queued or running on the encoder

  JobOutbox(Job job, PreviewEncoder encoder) {
    this.job = job;
    this.encoder = encoder;
  }

  /** Step {@code step} of {@code steps} is done; {@code preview} is its picture, or null. */
  public synchronized void step(int step, int steps, RgbImage preview) {
    Entry entry = new Entry(step, steps, null);
    entries.add(entry);
    if (preview != null) {
      if (waiting != null) {
        waiting.dropPreview();
        encoder.dropped();
      }
      entry.awaitPreview(preview);
      waiting = entry;
      if (!encoding) {
        encoding = true;
        submitEncode();
      }
    }
    drain();
  }

  /**
   * Publishes a result or the job's end ({@code publication} calls the {@link Job} method) once
   * every event before it has left.
   */
  public synchronized void then(Runnable publication) {
    entries.add(new Entry(0, 0, publication));
    drain();
  }

  // Called with the lock held.
  private void submitEncode() {
    if (!encoder.submit(this::encodeNext)) {
      // The encoder is closed: the waiting step leaves without its preview.
      encoding = false;
      waiting.dropPreview();
      waiting = null;
      encoder.dropped();
    }
  }

  // On an encoder thread: encodes the newest waiting preview, outside the lock.
  private void encodeNext() {
    Entry entry;
    RgbImage image;
    synchronized (this) {
      entry = waiting;
      waiting = null;
      image = entry.preview;
      entry.preview = null;
    }
    String uri = null;
    try {
      uri = encoder.encode(image);
    } finally {
      // Even if the encoder failed hard, the step leaves (without a preview) and the events
      // behind it follow: a subscriber waits for the terminal event.
      synchronized (this) {
        entry.uri = uri;
        entry.ready = true;
        if (waiting != null) {
          // Queued again rather than looped, so the jobs sharing the encoder take turns.
          submitEncode();
        } else {
          encoding = false;
        }
        drain();
      }
    }
  }

  // Called with the lock held.
  private void drain() {
    while (!entries.isEmpty() && entries.peekFirst().ready) {
      Entry e = entries.pollFirst();
      if (e.publication != null) {
        e.publication.run();
      } else {
        job.step(e.step, e.steps, e.uri);
      }
    }
  }

  /** One event: a step (with its preview's state) or another publication. */
  private static final class Entry {
    final int step;
    final int steps;
    final Runnable publication;
    RgbImage preview; // waiting to be encoded
    String uri; // the encoded preview
    boolean ready = true;

    Entry(int step, int steps, Runnable publication) {
      this.step = step;
      this.steps = steps;
      this.publication = publication;
    }

    void awaitPreview(RgbImage image) {
      preview = image;
      ready = false;
    }

    void dropPreview() {
      preview = null;
      ready = true;
    }
  }
}
