package org.segfill.engine.inpaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetTest {
  @Test
  void idsRoundTripAndBackgroundIsTheDefault() {
    for (Target t : Target.values()) {
      assertEquals(t, Target.parse(t.id()));
    }
    assertEquals("background", Target.BACKGROUND.id());
    assertEquals("subject", Target.SUBJECT.id());
    assertEquals("remove", Target.REMOVE.id());
    assertEquals(Target.BACKGROUND, Target.DEFAULT);
    assertTrue(Target.BACKGROUND.keepsSelection());
    assertFalse(Target.SUBJECT.keepsSelection());
    assertFalse(Target.REMOVE.keepsSelection());
  }

  @Test
  void unknownIdsNameTheFieldAndTheAllowedValues() {
    for (String bad : new String[] {"Background", "BACKGROUND", "", " remove", "erase", null}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Target.parse(bad));
      assertTrue(e.getMessage().startsWith("target must be one of background, subject, remove"),
          e.getMessage());
    }
  }
}
