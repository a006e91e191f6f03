package org.segfill.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.segfill.tensorrt.binding.TrtReleaseLib;

/** One owner deletes its object exactly once, and a scope closes owners newest first. */
class TrtObjectTest {

  @Test
  void closeDeletesOnceAndNullsTheWrapper() {
    List<Long> deleted = new ArrayList<>();
    try (LongPointer fake = new LongPointer(1)) {
      long address = fake.address();
      Pointer view = new Pointer(fake);
      TrtObject<Pointer> owner = new TrtObject<>(view, "fake engine",
          p -> deleted.add(p.address()));
      assertSame(view, owner.get());
      owner.close();
      owner.close();
      assertEquals(List.of(address), deleted);
      assertTrue(view.isNull(), "the wrapper must not keep a dangling address");
      assertTrue(owner.closed());
      IllegalStateException e = assertThrows(IllegalStateException.class, owner::get);
      assertTrue(e.getMessage().contains("fake engine"), e.getMessage());
    }
  }

  @Test
  void aNullObjectHasNoOwner() {
    assertThrows(IllegalArgumentException.class,
        () -> new TrtObject<>(new Pointer(), "runtime", p -> { }));
    assertThrows(NullPointerException.class,
        () -> new TrtObject<Pointer>(null, "runtime", p -> { }));
  }

  @Test
  void theRealHelperDeletesThroughTheVtable() {
    try (LongPointer vtable = new LongPointer(2); LongPointer object = new LongPointer(2)) {
      vtable.put(0, TrtReleaseLib.sf_trt_probe_other_address());
      vtable.put(1, TrtReleaseLib.sf_trt_probe_deleting_address());
      object.put(0, vtable.address());
      new TrtObject<Pointer>(new Pointer(object), "fake", TrtReleaseLib::sf_trt_delete).close();
      assertEquals(0xD0, object.get(1));
    }
  }

  @Test
  void aScopeClosesNewestFirstAndKeepsGoingPastAFailure() {
    List<String> order = new ArrayList<>();
    TrtScope scope = new TrtScope();
    scope.add(() -> order.add("runtime"));
    scope.add(() -> {
      order.add("engine");
      throw new IllegalStateException("engine failed");
    });
    scope.add(() -> order.add("context"));
    IllegalStateException e = assertThrows(IllegalStateException.class, scope::close);
    assertEquals("engine failed", e.getMessage());
    assertEquals(List.of("context", "engine", "runtime"), order);
    scope.close();
    assertEquals(3, order.size(), "a second close closes nothing again");
  }
}
