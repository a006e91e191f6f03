package org.segfill.models.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.segfill.engine.sdxl.SdxlBuckets;

/** {@code --static WxH}: a bucket is accepted, anything else refused naming the flag. */
class StaticSizeTest {

  @Test
  void bucketsAreAcceptedWidthFirst() {
    assertEquals(new SdxlBuckets.Size(1024, 1024), StaticSize.parse("1024x1024"));
    assertEquals(new SdxlBuckets.Size(832, 1280), StaticSize.parse("832x1280"));
    assertEquals(new SdxlBuckets.Size(2048, 512), StaticSize.parse(" 2048x512 "));
  }

  @Test
  void aSizeThatIsNoBucketIsRefusedWithTheRuleAndTheNearest() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StaticSize.parse("1000x1000"));
    assertEquals("--static must be one of the 73 SDXL buckets (W and H multiples of 64, W*H"
        + " within 0.9 to 1.1 x 1024^2, aspect 1:4 to 4:1; e.g. 1536x640, 1280x832, 1024x1024,"
        + " 832x1280, 640x1536), got 1000x1000; the nearest in aspect is 1024x1024",
        e.getMessage());
    // 2048x2048 has multiples of 64 but four times the area.
    assertEquals("--static must be one of the 73 SDXL buckets (W and H multiples of 64, W*H"
        + " within 0.9 to 1.1 x 1024^2, aspect 1:4 to 4:1; e.g. 1536x640, 1280x832, 1024x1024,"
        + " 832x1280, 640x1536), got 2048x2048; the nearest in aspect is 1024x1024",
        assertThrows(IllegalArgumentException.class, () -> StaticSize.parse("2048x2048"))
            .getMessage());
  }

  @Test
  void textThatIsNoSizeIsRefusedWithTheForm() {
    for (String bad : new String[] {"big", "1024", "1024x", "1024*1024", "-64x64", ""}) {
      assertEquals("--static must be WIDTHxHEIGHT in pixels, e.g. 1024x1024, got '" + bad + "'",
          assertThrows(IllegalArgumentException.class, () -> StaticSize.parse(bad))
              .getMessage(), bad);
    }
    assertEquals("--static must be one of the 73 SDXL buckets (W and H multiples of 64, W*H"
        + " within 0.9 to 1.1 x 1024^2, aspect 1:4 to 4:1; e.g. 1536x640, 1280x832, 1024x1024,"
        + " 832x1280, 640x1536), got 0x0", assertThrows(IllegalArgumentException.class,
            () -> StaticSize.parse("0x0")).getMessage());
  }

  @Test
  void buildOptionsRefuseASizeThatIsNoBucket() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BuildOptions(4, null, new SdxlBuckets.Size(1000, 1000)));
    assertEquals(StaticSize.notABucket("1000x1000"), e.getMessage());
  }
}
