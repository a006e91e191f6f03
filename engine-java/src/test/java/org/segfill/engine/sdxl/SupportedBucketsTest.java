package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.ShapeRange;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.TensorSpec;

/** Which buckets the graphs' input ranges admit: all on ONNX Runtime, one with static plans. */
class SupportedBucketsTest {

  private static final Session UNBOUNDED = ranged();

  @Test
  void graphsWithoutRangesRunEveryBucket() {
    SupportedBuckets b = SupportedBuckets.of(UNBOUNDED, UNBOUNDED, UNBOUNDED);
    assertEquals(SdxlBuckets.all(), b.sizes());
    assertEquals(73, b.sizes().size());
    assertFalse(b.restricted());
    assertEquals(List.of(), b.limits());
  }

  @Test
  void theEnvelopeOfTheBandedProfilesRunsEveryBucket() {
    Session unet = ranged(new ShapeRange("sample", new long[] {1, 9, 64, 64},
        new long[] {8, 9, 256, 256}));
    Session decoder = ranged(new ShapeRange("latent_sample", new long[] {1, 4, 64, 64},
        new long[] {4, 4, 256, 256}));
    Session encoder = ranged(new ShapeRange("sample", new long[] {1, 3, 512, 512},
        new long[] {1, 3, 2048, 2048}));
    assertFalse(SupportedBuckets.of(unet, encoder, decoder).restricted());
  }

  @Test
  void aStaticUnetAdmitsOnlyItsBucketAndSaysWhy() {
    Session unet = ranged(new ShapeRange("sample", new long[] {1, 9, 128, 128},
        new long[] {8, 9, 128, 128}));
    SupportedBuckets b = SupportedBuckets.of(unet, UNBOUNDED, UNBOUNDED);
    assertEquals(List.of(new SdxlBuckets.Size(1024, 1024)), b.sizes());
    assertTrue(b.restricted());
    assertEquals(List.of("the UNet's 'sample' [1, 9, 128, 128] to [8, 9, 128, 128]"),
        b.limits());
  }

  @Test
  void theVaeEncoderRangeIsInPixelsAndHeightComesBeforeWidth() {
    // [.., H=832, W=1216] pixels: the landscape bucket, not its portrait twin.
    Session encoder = ranged(new ShapeRange("sample", new long[] {1, 3, 832, 1216},
        new long[] {1, 3, 832, 1216}));
    assertEquals(List.of(new SdxlBuckets.Size(1216, 832)),
        SupportedBuckets.of(UNBOUNDED, encoder, UNBOUNDED).sizes());
    Session decoder = ranged(new ShapeRange("latent_sample", new long[] {1, 4, 152, 104},
        new long[] {4, 4, 152, 104}));
    assertEquals(List.of(new SdxlBuckets.Size(832, 1216)),
        SupportedBuckets.of(UNBOUNDED, UNBOUNDED, decoder).sizes());
  }

  @Test
  void rangesThatAdmitNoBucketAreRefusedNamingThem() {
    Session unet = ranged(new ShapeRange("sample", new long[] {1, 9, 100, 100},
        new long[] {8, 9, 100, 100}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SupportedBuckets.of(unet, UNBOUNDED, UNBOUNDED));
    assertTrue(e.getMessage().startsWith("no SDXL size (W and H multiples of 64"),
        e.getMessage());
    assertTrue(e.getMessage().contains("the UNet's 'sample' [1, 9, 100, 100] to [8, 9, 100,"
        + " 100]"), e.getMessage());
    assertTrue(e.getMessage().contains("rebuild the TensorRT engines"), e.getMessage());
  }

  // A session that only reports ranges; the bucket choice never runs it.
  private static Session ranged(ShapeRange... ranges) {
    return new Session() {
      @Override
      public List<TensorSpec> inputs() {
        return List.of();
      }

      @Override
      public List<TensorSpec> outputs() {
        return List.of();
      }

      @Override
      public List<ShapeRange> inputRanges() {
        return List.of(ranges);
      }

      @Override
      public Map<String, Tensor> run(Map<String, Tensor> inputs, Set<String> wanted) {
        throw new UnsupportedOperationException("not run by these tests");
      }

      @Override
      public void close() {}
    };
  }
}
