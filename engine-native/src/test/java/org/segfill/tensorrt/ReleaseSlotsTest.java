package org.segfill.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.javacpp.LongPointer;
import org.junit.jupiter.api.Test;
import org.segfill.tensorrt.binding.TrtReleaseLib;

/**
 * The release helper calls the deleting destructor where the presets' own binary expects it:
 * vtable slot 1 for nvinfer1 objects (INoCopy) and slot 9 for the ONNX parser. Each fake object
 * has a vtable whose every entry is a probe marking the object 0xBAD, except the expected slot,
 * whose probe marks it 0xD0.
 */
class ReleaseSlotsTest {

  private static final int SLOTS = 16;

  @Test
  void nvinferObjectsAreDeletedThroughSlotOne() {
    assertEquals(0xD0, markAfterDelete(1, false));
  }

  @Test
  void onnxParserIsDeletedThroughSlotNine() {
    assertEquals(0xD0, markAfterDelete(9, true));
  }

  @Test
  void aProbeInAnotherSlotIsNotCalled() {
    // The check can fail: with the deleting probe one slot off, the other probe runs.
    assertEquals(0xBAD, markAfterDelete(2, false));
    assertEquals(0xBAD, markAfterDelete(8, true));
  }

  @Test
  void nullIsIgnored() {
    TrtReleaseLib.sf_trt_delete(null);
    TrtReleaseLib.sf_onnx_parser_delete(null);
  }

  private static long markAfterDelete(int deletingSlot, boolean parser) {
    try (LongPointer vtable = new LongPointer(SLOTS); LongPointer object = new LongPointer(2)) {
      for (int i = 0; i < SLOTS; i++) {
        vtable.put(i, i == deletingSlot ? TrtReleaseLib.sf_trt_probe_deleting_address()
            : TrtReleaseLib.sf_trt_probe_other_address());
      }
      object.put(0, vtable.address());
      object.put(1, 0);
      if (parser) {
        TrtReleaseLib.sf_onnx_parser_delete(object);
      } else {
        TrtReleaseLib.sf_trt_delete(object);
      }
      return object.get(1);
    }
  }
}
