package org.segfill.engine.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.tensorrt.global.nvinfer.DataType;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.DType;

/**
 * The I/O types a TensorRT session accepts from a plan: fp32 and fp16 (converted by our kernels)
 * and the integer types; a bf16 input or output is refused naming the plan, the tensor and the
 * fix, before any buffer is made for it.
 */
class TrtTypesTest {

  private static final Path PLAN = Path.of("/bundles/sdxl/engines/unet.plan");

  @Test
  void floatAndIntegerTypesMapToOurs() {
    assertEquals(DType.FLOAT32, TrtTypes.ioType(PLAN, DataType.kFLOAT, "sample"));
    assertEquals(DType.FLOAT16, TrtTypes.ioType(PLAN, DataType.kHALF, "sample"));
    assertEquals(DType.INT64, TrtTypes.ioType(PLAN, DataType.kINT64, "input_ids"));
    assertEquals(DType.INT32, TrtTypes.ioType(PLAN, DataType.kINT32, "input_ids"));
    assertEquals(DType.BOOL, TrtTypes.ioType(PLAN, DataType.kBOOL, "mask"));
  }

  @Test
  void aBf16InputOrOutputIsRefusedNamingThePlanTheTensorAndTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrtTypes.ioType(PLAN, DataType.kBF16, "out_sample"));
    assertTrue(e.getMessage().startsWith(PLAN + ": tensor 'out_sample' is bfloat16"),
        e.getMessage());
    assertTrue(e.getMessage().contains("inputs and outputs are fp16 or fp32"), e.getMessage());
  }

  @Test
  void typesNoSegfillGraphUsesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrtTypes.ioType(PLAN, DataType.kFP8, "x"));
    assertTrue(e.getMessage().startsWith("tensor 'x': TensorRT type kFP8"), e.getMessage());
  }
}
