package org.segfill.server.engine;

import java.util.function.BooleanSupplier;
import org.segfill.engine.edit.EditRequest;
import org.segfill.engine.edit.EditResult;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sdxl.ProgressListener;

/** Runs one edit: the engine's {@code EditEngine.edit}, as the job runner calls it. */
@FunctionalInterface
public interface Editor {

  /**
   * Edits {@code image} where {@code selection} says.
   *
   * @throws java.util.concurrent.CancellationException once {@code cancelled} turns true,
   *     between denoising steps
   */
  EditResult edit(RgbImage image, Mask selection, EditRequest request,
      ProgressListener progress, BooleanSupplier cancelled);
}
