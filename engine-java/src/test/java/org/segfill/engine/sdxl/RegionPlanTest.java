package org.segfill.engine.sdxl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegionPlanTest {

  @Test
  void bucketsFollowTheRule() {
    for (SdxlBuckets.Size s : SdxlBuckets.all()) {
      long area = (long) s.width() * s.height();
      assertEquals(0, s.width() % 64);
      assertEquals(0, s.height() % 64);
      assertTrue(area >= 0.9 * 1024 * 1024 && area <= 1.1 * 1024 * 1024, s.toString());
      assertTrue(s.aspect() >= 0.25 && s.aspect() <= 4, s.toString());
      assertTrue(s.latentWidth() >= 64 && s.latentWidth() <= 256, s.toString());
    }
    for (String expected : new String[] {"1024x1024", "1152x896", "1216x832", "1344x768",
        "1536x640", "896x1152", "640x1536", "2048x512", "512x2048"}) {
      assertTrue(SdxlBuckets.all().stream().anyMatch(s -> s.toString().equals(expected)),
          expected);
    }
  }

  @Test
  void theNearestBucketMatchesTheAspect() {
    assertEquals("1024x1024", SdxlBuckets.nearest(3000, 3000).toString());
    assertEquals("1152x896", SdxlBuckets.nearest(1152, 896).toString());
    assertEquals("1344x768", SdxlBuckets.nearest(1920, 1080).toString());
    assertEquals("768x1344", SdxlBuckets.nearest(1080, 1920).toString());
    assertEquals("2048x512", SdxlBuckets.nearest(10000, 100).toString(), "clamped to 4:1");
    // 4000x3000 is 4:3; 1152x896 is 1.286, 1216x896 would be 1.357 (not in the area band).
    SdxlBuckets.Size fourThree = SdxlBuckets.nearest(4000, 3000);
    assertEquals(4.0 / 3, fourThree.aspect(), 0.05);
  }

  @Test
  void smallImagesAndLargeMasksUseTheFullImage() {
    RegionPlan small = RegionPlan.plan(Region.AUTO, 1200, 800, 100, 100, 200, 200);
    assertFalse(small.cropped());
    assertEquals(new RegionPlan(0, 0, 1200, 800, SdxlBuckets.nearest(1200, 800), false), small);
    RegionPlan bigMask = RegionPlan.plan(Region.AUTO, 4000, 3000, 500, 500, 3500, 2500);
    assertFalse(bigMask.cropped(), "padded box covers more than half");
  }

  @Test
  void aSmallMaskInABigPhotoIsCroppedToItsBucketAspect() {
    // Box 1000..1400 x 1000..1300: padded by 100 and 75 -> 900..1500 x 925..1375 (600x450).
    RegionPlan plan = RegionPlan.plan(Region.AUTO, 4000, 3000, 1000, 1000, 1400, 1300);
    assertTrue(plan.cropped());
    SdxlBuckets.Size bucket = SdxlBuckets.nearest(600, 450);
    assertEquals(bucket, plan.bucket());
    assertEquals(bucket.aspect(), (double) plan.width() / plan.height(), 0.01);
    // Centred on the padded box and containing it.
    assertTrue(plan.x() <= 900 && plan.x() + plan.width() >= 1500);
    assertTrue(plan.y() <= 925 && plan.y() + plan.height() >= 1375);
    assertEquals(1200, plan.x() + plan.width() / 2.0, 1);
    assertEquals(1150, plan.y() + plan.height() / 2.0, 1);
  }

  @Test
  void aCropAtTheEdgeIsShiftedInside() {
    RegionPlan plan = RegionPlan.plan(Region.CROP, 4000, 3000, 0, 2800, 300, 3000);
    assertTrue(plan.x() >= 0 && plan.y() >= 0);
    assertTrue(plan.x() + plan.width() <= 4000 && plan.y() + plan.height() <= 3000);
    assertEquals(3000, plan.y() + plan.height(), "flush with the bottom edge");
  }

  @Test
  void explicitRegionsOverrideAuto() {
    assertTrue(RegionPlan.plan(Region.CROP, 1000, 800, 100, 100, 900, 700).cropped());
    assertFalse(RegionPlan.plan(Region.FULL, 4000, 3000, 10, 10, 20, 20).cropped());
  }

  @Test
  void aRestrictedChoiceTakesTheNearestBucketTheGraphsRun() {
    SdxlBuckets.Size square = new SdxlBuckets.Size(1024, 1024);
    SdxlBuckets.Size wide = new SdxlBuckets.Size(1344, 768);
    // A 3:2 photo: 1280x832 unrestricted, the only size left when the plans run 1024x1024.
    assertEquals(new SdxlBuckets.Size(1280, 832), SdxlBuckets.nearest(1536, 1024));
    RegionPlan full = RegionPlan.plan(Region.FULL, 1536, 1024, 10, 10, 20, 20, List.of(square));
    assertEquals(new RegionPlan(0, 0, 1536, 1024, square, false), full);
    // Among two, the nearest aspect wins: 1.5 is nearer 1.75 than 1.0 in log ratio.
    assertEquals(wide, RegionPlan.plan(Region.FULL, 1536, 1024, 10, 10, 20, 20,
        List.of(square, wide)).bucket());
    // A crop takes the allowed bucket's aspect: a 600x450 box grows to a square window.
    RegionPlan crop = RegionPlan.plan(Region.CROP, 4000, 3000, 1000, 1000, 1400, 1300,
        List.of(square));
    assertEquals(square, crop.bucket());
    assertEquals(crop.width(), crop.height());
    assertThrows(IllegalArgumentException.class,
        () -> SdxlBuckets.nearest(1536, 1024, List.of()));
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> RegionPlan.plan(Region.AUTO, 100, 100, 10, 10, 10, 20));
    assertTrue(empty.getMessage().startsWith("mask: nothing to repaint"));
    IllegalArgumentException region = assertThrows(IllegalArgumentException.class,
        () -> Region.parse("middle"));
    assertEquals("region: must be one of [auto, full, crop], got 'middle'", region.getMessage());
  }
}
