package org.segfill.models.engines;

import java.nio.file.Path;
import org.segfill.engine.sdxl.SdxlBuckets;

/**
 * Settings of {@code segfill build-engines}.
 *
 * @param workspaceGb the builder's workspace memory pool limit in GiB (1 to 64)
 * @param timingCache a timing cache file read before and written after the build, or null
 * @param staticSize the one SDXL bucket the UNet and VAE plans run ({@code --static}), or null
 *     for every bucket ({@link BucketBands})
 */
public record BuildOptions(int workspaceGb, Path timingCache, SdxlBuckets.Size staticSize) {

  /** Most workspace accepted, in GiB. */
  public static final int MAX_WORKSPACE_GB = 64;

  public BuildOptions {
    if (workspaceGb < 1 || workspaceGb > MAX_WORKSPACE_GB) {
      throw new IllegalArgumentException("--workspace-gb must be in [1, " + MAX_WORKSPACE_GB
          + "], got " + workspaceGb);
    }
    if (staticSize != null && !SdxlBuckets.all().contains(staticSize)) {
      throw new IllegalArgumentException(StaticSize.notABucket(staticSize.toString()));
    }
  }

  /** Plans for every bucket. */
  public BuildOptions(int workspaceGb, Path timingCache) {
    this(workspaceGb, timingCache, null);
  }
}
