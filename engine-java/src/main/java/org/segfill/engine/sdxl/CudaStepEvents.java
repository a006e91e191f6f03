package org.segfill.engine.sdxl;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.segfill.engine.backend.DeviceFault;

/** One CUDA event per step, recorded on the loop's stream after the step's last kernel. */
final class CudaStepEvents implements StepSignals {

  private final CUstream_st stream;
  private final CUevent_st[] events;

  CudaStepEvents(CUstream_st stream, int count) {
    this.stream = stream;
    this.events = new CUevent_st[count];
    try {
      for (int i = 0; i < count; i++) {
        CUevent_st e = new CUevent_st();
        // cudaEventDisableTiming: the cheapest event, fit for cudaEventQuery polling.
        check("cudaEventCreateWithFlags", cudart.cudaEventCreateWithFlags(e,
            cudart.cudaEventDisableTiming));
        events[i] = e;
      }
    } catch (RuntimeException ex) {
      close();
      throw ex;
    }
  }

  @Override
  public void record(int step) {
    // Outside any captured graph: the event marks this step's graph launch on the stream.
    check("cudaEventRecord", cudart.cudaEventRecord(events[step], stream));
  }

  // cudaEventQuery: cudaSuccess once the stream passed the record, cudaErrorNotReady before;
  // any other value is an error of the work before it (sticky ones included).
  @Override
  public boolean finished(int step) {
    int status = cudart.cudaEventQuery(events[step]);
    if (status == cudart.cudaErrorNotReady) {
      return false;
    }
    check("cudaEventQuery(step " + (step + 1) + ")", status);
    return true;
  }

  @Override
  public void close() {
    for (CUevent_st e : events) {
      if (e != null) {
        cudart.cudaEventDestroy(e);
      }
    }
  }

  private static void check(String operation, int status) {
    if (status != cudart.cudaSuccess) {
      throw new DeviceFault(operation, status, cudart.cudaGetErrorString(status).getString());
    }
  }
}
