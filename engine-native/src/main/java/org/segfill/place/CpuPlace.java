package org.segfill.place;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.kernels.KernelTarget;

/** The CPU twin on host memory allocated by JavaCPP; kernels run synchronously. */
final class CpuPlace implements KernelPlace {

  static final CpuPlace INSTANCE = new CpuPlace();

  private CpuPlace() {}

  @Override
  public KernelTarget target() {
    return KernelTarget.cpu();
  }

  @Override
  public boolean onDevice() {
    return false;
  }

  @Override
  public PlaceBuffer allocate(long bytes) {
    PlaceBuffer.checkSize(bytes);
    BytePointer block = new BytePointer(bytes);
    return new PlaceBuffer(block, bytes, block::deallocate);
  }

  /** Host memory, as every buffer of the CPU twin. */
  @Override
  public PlaceBuffer allocateHostVisible(long bytes) {
    return allocate(bytes);
  }

  @Override
  public PlaceBuffer upload(byte[] data) {
    PlaceBuffer.checkSize(data.length);
    BytePointer block = new BytePointer(data);
    return new PlaceBuffer(block, data.length, block::deallocate);
  }

  @Override
  public PlaceBuffer upload(float[] data) {
    PlaceBuffer.checkSize((long) data.length * Float.BYTES);
    FloatPointer block = new FloatPointer(data);
    return new PlaceBuffer(block, (long) data.length * Float.BYTES, block::deallocate);
  }

  @Override
  public void write(float[] data, FloatPointer to) {
    PlaceBuffer.checkWrite(data.length, to);
    to.put(data);
  }

  @Override
  public void read(FloatPointer from, float[] to) {
    PlaceBuffer.checkWrite(to.length, from);
    from.get(to);
  }

  @Override
  public void download(PlaceBuffer from, byte[] to) {
    from.checkDownload(to.length);
    from.bytes().get(to);
  }

  @Override
  public void download(PlaceBuffer from, float[] to) {
    from.checkDownload((long) to.length * Float.BYTES);
    from.floats().get(to);
  }

  @Override
  public void synchronize() {
    // CPU kernels return when done.
  }

  @Override
  public void close() {
    // The CPU place owns nothing.
  }
}
