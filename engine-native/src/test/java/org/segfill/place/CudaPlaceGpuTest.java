package org.segfill.place;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.segfill.testing.RequiresCuda;

/** The CUDA place keeps the {@link PlaceContract}: device memory, kernels on its stream. */
@RequiresCuda
class CudaPlaceGpuTest {

  private CudaPlace place;

  @BeforeEach
  void open() {
    place = CudaPlace.create();
  }

  @AfterEach
  void close() {
    place.close();
  }

  @Test
  void roundTrips() {
    PlaceContract.roundTripsBytesAndFloats(place);
    assertTrue(place.onDevice());
  }

  @Test
  void writesThroughAPointer() {
    PlaceContract.writesThroughAPointer(place);
  }

  @Test
  void runsKernels() {
    PlaceContract.runsKernelsOnItsBuffers(place);
  }

  @Test
  void refusesMisuse() {
    PlaceContract.refusesMisuse(place);
  }
}
