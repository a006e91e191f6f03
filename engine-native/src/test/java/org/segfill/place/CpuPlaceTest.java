package org.segfill.place;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The CPU place keeps the {@link PlaceContract}. */
class CpuPlaceTest {

  private final KernelPlace place = KernelPlace.cpu();

  @Test
  void roundTrips() {
    PlaceContract.roundTripsBytesAndFloats(place);
    assertFalse(place.onDevice());
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
