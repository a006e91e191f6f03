package org.segfill.engine.backend.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.SessionIo;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.TensorSpec;

/**
 * A {@link Session} over one {@link OrtSession}, which it owns. Runs may be concurrent (ORT's
 * run is thread-safe); close waits for them, because freeing a native session under a running
 * call would crash the process.
 */
final class OrtGraphSession implements Session {

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final Path model;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  OrtGraphSession(OrtEnvironment environment, OrtSession session, Path model)
      throws OrtException {
    this.environment = environment;
    this.session = session;
    this.model = model;
    this.inputs = OrtSpecs.of(model, "input", session.getInputInfo());
    this.outputs = OrtSpecs.of(model, "output", session.getOutputInfo());
  }

  @Override
  public List<TensorSpec> inputs() {
    requireOpen();
    return inputs;
  }

  @Override
  public List<TensorSpec> outputs() {
    requireOpen();
    return outputs;
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> given, Set<String> wanted) {
    lifecycle.readLock().lock();
    try {
      requireOpen();
      SessionIo.checkInputs(inputs, given);
      SessionIo.checkRanges(inputRanges(), given);
      SessionIo.checkWanted(outputs, wanted);
      return runChecked(given, wanted);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private Map<String, Tensor> runChecked(Map<String, Tensor> given, Set<String> wanted) {
    Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
    try {
      for (TensorSpec spec : inputs) {
        // ORT wraps only direct buffers; an output fed back as it is (heap) is copied once here.
        Tensor tensor = given.get(spec.name()).direct();
        // Our tensors are direct and little-endian, so ORT wraps the read-only view's
        // memory without a copy (it only reads inputs); the OnnxTensor is freed below.
        feeds.put(spec.name(), OnnxTensor.createTensor(environment, tensor.data(),
            tensor.shape(), OrtTypes.toOrt(tensor.dtype())));
      }
      try (OrtSession.Result result = session.run(feeds, wanted)) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : wanted) {
          OnnxValue value = result.get(name).orElseThrow(() -> new BackendException(
              model + ": ONNX Runtime returned no output '" + name + "'", null));
          out.put(name, copyOut(name, value));
        }
        return out;
      }
    } catch (OrtException e) {
      throw new BackendException("ONNX Runtime failed running " + model + ": "
          + e.getMessage(), e);
    } finally {
      for (OnnxTensor feed : feeds.values()) {
        feed.close();
      }
    }
  }

  private Tensor copyOut(String name, OnnxValue value) {
    if (!(value instanceof OnnxTensor tensor)) {
      throw new BackendException(model + ": output '" + name + "' is not a tensor", null);
    }
    DType dtype = OrtTypes.fromOrt(tensor.getInfo().onnxType).orElseThrow(() ->
        new BackendException(model + ": output '" + name + "' has unsupported type "
            + tensor.getInfo().onnxType, null));
    // getByteBuffer copies the native output into a fresh heap buffer in native (little-endian)
    // order, which the tensor takes over: no second copy, and no direct memory per run.
    return Tensor.adopt(dtype, tensor.getInfo().getShape(), tensor.getByteBuffer());
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("session for " + model + " is closed");
    }
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        try {
          session.close();
        } catch (OrtException e) {
          throw new BackendException("ONNX Runtime failed closing " + model, e);
        }
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
