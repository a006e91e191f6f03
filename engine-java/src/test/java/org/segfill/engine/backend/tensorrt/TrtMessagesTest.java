package org.segfill.engine.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** TensorRT's errors reach the thread that caused them, never another session's thread. */
class TrtMessagesTest {

  private final TrtMessages messages =
      new TrtMessages(System.getLogger("org.segfill.tensorrt.test"));

  @Test
  void eachThreadDrainsOnlyItsOwnErrors() throws InterruptedException {
    messages.record(TrtMessages.Level.ERROR, "unet: deserialize failed");
    AtomicReference<String> other = new AtomicReference<>();
    Thread second = new Thread(() -> {
      messages.record(TrtMessages.Level.ERROR, "vae: setInputShape refused");
      other.set(messages.drainErrors());
    });
    second.start();
    second.join();
    assertEquals("vae: setInputShape refused", other.get());
    assertEquals("unet: deserialize failed", messages.drainErrors());
  }

  @Test
  void aDrainClearsAndSaysWhenThereWasNothing() {
    messages.record(TrtMessages.Level.ERROR, "first");
    messages.record(TrtMessages.Level.ERROR, "second");
    assertEquals("first; second", messages.drainErrors());
    assertEquals("no TensorRT error logged on this thread", messages.drainErrors());
  }

  @Test
  void warningsAreLoggedButNotKeptAsErrors() {
    messages.record(TrtMessages.Level.WARNING, "kFP16 is deprecated");
    messages.record(TrtMessages.Level.OTHER, "loaded engine");
    assertEquals("no TensorRT error logged on this thread", messages.drainErrors());
  }

  @Test
  void onlyTheLastErrorsAreKept() {
    for (int i = 0; i < TrtMessages.KEPT + 3; i++) {
      messages.record(TrtMessages.Level.ERROR, "e" + i);
    }
    String drained = messages.drainErrors();
    assertEquals(TrtMessages.KEPT, drained.split("; ").length);
    assertEquals("e3", drained.split("; ")[0]);
  }
}
