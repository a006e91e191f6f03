package org.segfill.models.engines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvinfer.BuilderFlag;
import org.bytedeco.tensorrt.global.nvinfer.EngineCapability;
import org.bytedeco.tensorrt.global.nvinfer.HardwareCompatibilityLevel;
import org.bytedeco.tensorrt.global.nvinfer.MemoryPoolType;
import org.bytedeco.tensorrt.global.nvinfer.NetworkDefinitionCreationFlag;
import org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvinfer.ITensor;
import org.bytedeco.tensorrt.nvinfer.ITimingCache;
import org.bytedeco.tensorrt.nvonnxparser.IParser;
import org.bytedeco.tensorrt.nvonnxparser.IParserError;
import org.segfill.engine.backend.BackendException;
import org.segfill.engine.backend.DType;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.engine.backend.tensorrt.InputShapes;
import org.segfill.engine.backend.tensorrt.PlanFiles;
import org.segfill.engine.backend.tensorrt.PlanTyping;
import org.segfill.engine.backend.tensorrt.TrtLogger;
import org.segfill.tensorrt.TrtObject;
import org.segfill.tensorrt.TrtScope;

/**
 * Builds one TensorRT plan from an ONNX graph with the ONNX parser: the network is strongly or
 * weakly typed as {@link PlanPrecision} decided, the graph's outputs that segfill does not read
 * are unmarked (which drops the sam-onnx decoder's data-dependent {@code masks}), the profiles
 * of a {@link GraphPlan} are added, and the plan is a standard,
 * device-specific engine with no embedded plugin or lean runtime (nothing that
 * {@code setEngineHostCodeAllowed(false)} would refuse at load).
 */
final class EngineBuilder implements AutoCloseable {

  private final TrtLogger log = TrtLogger.instance();
  private final TrtObject<IBuilder> owned;
  private final IBuilder builder;
  private TrtObject<ITimingCache> cache;

  EngineBuilder() {
    IBuilder made = nvinfer.createInferBuilder(log);
    if (made == null || made.isNull()) {
      throw new BackendException("TensorRT: createInferBuilder failed: " + log.drainErrors(), null);
    }
    owned = TrtObject.own(made, "IBuilder");
    builder = made;
  }

  /**
   * Builds {@code onnx} (already checked for trust) into a plan and writes it to
   * {@code planFile}.
   *
   * @param precision how the network is typed, decided from the ONNX file beforehand
   * @param timingCache the serialized timing cache to start from (may be empty)
   * @throws IllegalArgumentException when the profile table does not fit the graph
   * @throws BackendException when TensorRT cannot parse or build it, with its errors
   */
  BuiltPlan build(Path onnx, GraphPlan plan, PlanPrecision precision, BuildOptions options,
      byte[] timingCache, Path planFile) {
    boolean strong = precision.typing() == PlanTyping.STRONG;
    // Errors an earlier call logged without failing must not be blamed on this build.
    log.forgetErrors();
    // Newest first on close: config, parser, network. The parser refers to the network's
    // tensors and weights, so it goes before the network (NvOnnxParser.h).
    try (TrtScope scope = new TrtScope()) {
      // IBuilder::createNetworkV2 takes a bit mask over NetworkDefinitionCreationFlag; with
      // kSTRONGLY_TYPED every tensor keeps the type the parser reads from the ONNX graph, and 0
      // is the weakly typed network BuilderFlag::kFP16 applies to (deprecated since 10.12).
      INetworkDefinition network = builder.createNetworkV2(strong
          ? 1 << NetworkDefinitionCreationFlag.kSTRONGLY_TYPED.value : 0);
      if (network == null || network.isNull()) {
        throw new BackendException("TensorRT: createNetworkV2 failed: " + log.drainErrors(),
            null);
      }
      scope.add(TrtObject.own(network, "INetworkDefinition of " + onnx));
      // getFlag reports the creation flags the network holds (INetworkDefinition::getFlag); a
      // strong request that did not take would otherwise build an fp32 plan without a word.
      if (strong && !network.getFlag(NetworkDefinitionCreationFlag.kSTRONGLY_TYPED)) {
        throw new BackendException("TensorRT did not create a strongly typed network for "
            + onnx + ": " + log.drainErrors(), null);
      }
      IParser parser = nvonnxparser.createParser(network, log);
      if (parser == null || parser.isNull()) {
        throw new BackendException("TensorRT: createParser failed: " + log.drainErrors(), null);
      }
      scope.add(TrtObject.ownParser(parser, "ONNX parser of " + onnx));
      // parseFromFile resolves external data next to the graph; GraphFiles has checked every
      // location lies inside the bundle before this call.
      if (!parser.parseFromFile(onnx.toString(),
          org.bytedeco.tensorrt.nvinfer.ILogger.Severity.kWARNING.value)) {
        throw new BackendException("TensorRT cannot parse " + onnx + ": " + parserErrors(parser)
            + "; " + log.drainErrors(), null);
      }
      List<TensorSpec> inputs = inputs(network);
      List<String> outputs = new ArrayList<>();
      for (int i = 0; i < network.getNbOutputs(); i++) {
        outputs.add(network.getOutput(i).getName());
      }
      List<String> problems = ProfileCheck.problems(plan, inputs, outputs);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      List<String> dropped = dropUnread(network, plan);
      IBuilderConfig config = builder.createBuilderConfig();
      if (config == null || config.isNull()) {
        throw new BackendException("TensorRT: createBuilderConfig failed: " + log.drainErrors(),
            null);
      }
      scope.add(TrtObject.own(config, "IBuilderConfig of " + onnx));
      config.setMemoryPoolLimit(MemoryPoolType.kWORKSPACE, (long) options.workspaceGb() << 30);
      if (!strong) {
        // Weak typing lets the builder pick fp16 kernels for this fp32 export layer by layer.
        // Never on a strongly typed network: buildSerializedNetwork refuses kFP16 there with
        // an API usage error, since the ONNX types alone decide its precision.
        config.setFlag(BuilderFlag.kFP16);
      }
      // TF32 is on by default for fp32 layers; set it explicitly since the VAE relies on it.
      // kTF32 is not a precision flag of weak typing: it only lets fp32 math use TF32, and is
      // valid on strongly typed networks (it remains in TensorRT 11, where all networks are).
      config.setFlag(BuilderFlag.kTF32);
      // Standard capability and no hardware compatibility: a plan for this GPU model only,
      // without kVERSION_COMPATIBLE (which would embed a lean runtime) and with no plugin
      // libraries to serialise.
      config.setEngineCapability(EngineCapability.kSTANDARD);
      config.setHardwareCompatibilityLevel(HardwareCompatibilityLevel.kNONE);
      // A network without dynamic inputs needs no profile (its shapes are the profile); an
      // empty one would be refused by addOptimizationProfile as invalid.
      boolean dynamic = inputs.stream().anyMatch(i -> java.util.Arrays.stream(i.shape())
          .anyMatch(d -> d < 0));
      for (int k = 0; dynamic && k < plan.profiles().size(); k++) {
        addProfile(config, plan, k, inputs);
      }
      useTimingCache(config, timingCache);
      IHostMemory serialized = builder.buildSerializedNetwork(network, config);
      if (serialized == null || serialized.isNull()) {
        throw new BackendException("TensorRT could not build " + onnx + ": " + log.drainErrors(),
            null);
      }
      // The UNet's plan is about 5 GB: it goes from TensorRT's memory to disk in chunks, hashed
      // on the way, never through a Java array.
      try (TrtObject<IHostMemory> planMemory = TrtObject.own(serialized, "plan of " + onnx)) {
        long size = serialized.size();
        String sha256 = PlanFiles.write(planFile, serialized.data(), size);
        return new BuiltPlan(sha256, size, inputs, dropped);
      }
    }
  }

  /** The timing cache as built up so far, serialized, or null if none was used. */
  byte[] timingCache() {
    if (cache == null) {
      return null;
    }
    IHostMemory mem = cache.get().serialize();
    if (mem == null || mem.isNull()) {
      throw new BackendException("TensorRT could not serialize the timing cache: "
          + log.drainErrors(), null);
    }
    // A timing cache is a few MiB, far from an array's limit.
    try (TrtObject<IHostMemory> owned = TrtObject.own(mem, "serialized timing cache")) {
      byte[] bytes = new byte[Math.toIntExact(mem.size())];
      new BytePointer(mem.data()).capacity(mem.size()).get(bytes);
      return bytes;
    }
  }

  private void useTimingCache(IBuilderConfig config, byte[] start) {
    if (start == null) {
      return;
    }
    if (cache == null) {
      // createTimingCache copies the blob; the cache object outlives this config and is
      // shared by later builds (IBuilderConfig::setTimingCache).
      try (BytePointer blob = new BytePointer(start)) {
        ITimingCache made = config.createTimingCache(blob, start.length);
        if (made == null || made.isNull()) {
          throw new BackendException("TensorRT could not create a timing cache: "
              + log.drainErrors(), null);
        }
        cache = TrtObject.own(made, "ITimingCache");
      }
    }
    if (!config.setTimingCache(cache.get(), false)) {
      throw new BackendException("TensorRT refused the timing cache: " + log.drainErrors(), null);
    }
  }

  private static List<TensorSpec> inputs(INetworkDefinition network) {
    List<TensorSpec> inputs = new ArrayList<>();
    for (int i = 0; i < network.getNbInputs(); i++) {
      ITensor t = network.getInput(i);
      Dims64 dims = t.getDimensions();
      long[] shape = new long[dims.nbDims()];
      for (int a = 0; a < shape.length; a++) {
        shape[a] = dims.d(a);
      }
      inputs.add(new TensorSpec(t.getName(), dtype(t), shape));
    }
    return inputs;
  }

  private static DType dtype(ITensor t) {
    nvinfer.DataType type = t.getType().intern();
    if (type == nvinfer.DataType.kHALF) {
      return DType.FLOAT16;
    } else if (type == nvinfer.DataType.kINT64) {
      return DType.INT64;
    } else if (type == nvinfer.DataType.kINT32) {
      return DType.INT32;
    } else if (type == nvinfer.DataType.kBOOL) {
      return DType.BOOL;
    }
    return DType.FLOAT32;
  }

  // Unmarks every output segfill does not read; a dropped output costs no memory and, for
  // the sam-onnx decoder's `masks`, removes the only data-dependent shape.
  private static List<String> dropUnread(INetworkDefinition network, GraphPlan plan) {
    List<ITensor> unread = new ArrayList<>();
    for (int i = 0; i < network.getNbOutputs(); i++) {
      ITensor t = network.getOutput(i);
      if (!plan.keepOutputs().contains(t.getName())) {
        unread.add(t);
      }
    }
    List<String> dropped = new ArrayList<>();
    for (ITensor t : unread) {
      dropped.add(t.getName());
      network.unmarkOutput(t);
    }
    return dropped;
  }

  private void addProfile(IBuilderConfig config, GraphPlan plan, int k,
      List<TensorSpec> inputs) {
    IOptimizationProfile profile = builder.createOptimizationProfile();
    for (TensorSpec input : inputs) {
      InputShapes s = plan.shapes(k, input.name());
      boolean dynamic = false;
      for (int a = 0; a < input.rank(); a++) {
        dynamic |= input.isDynamic(a);
      }
      if (!dynamic || s == null) {
        continue;
      }
      set(profile, s.input(), OptProfileSelector.kMIN, s.min());
      set(profile, s.input(), OptProfileSelector.kOPT, s.opt());
      set(profile, s.input(), OptProfileSelector.kMAX, s.max());
    }
    // addOptimizationProfile validates the profile and returns its index, or -1.
    if (config.addOptimizationProfile(profile) != k) {
      throw new BackendException("TensorRT refused profile " + k + " of " + plan.source()
          + ": " + log.drainErrors(), null);
    }
  }

  private void set(IOptimizationProfile profile, String input, OptProfileSelector which,
      long[] shape) {
    try (Dims64 dims = new Dims64()) {
      dims.nbDims(shape.length);
      for (int a = 0; a < shape.length; a++) {
        dims.d(a, shape[a]);
      }
      if (!profile.setDimensions(input, which, dims)) {
        throw new BackendException("TensorRT refused " + which + " dims for '" + input + "': "
            + log.drainErrors(), null);
      }
    }
  }

  private static String parserErrors(IParser parser) {
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < parser.getNbErrors(); i++) {
      IParserError e = parser.getError(i);
      errors.add(e.desc() + " (node " + e.node() + " " + e.nodeName() + ")");
    }
    return errors.isEmpty() ? "no parser error" : String.join("; ", errors);
  }

  /**
   * Deletes the builder, then the timing cache, which must outlive every builder that used it
   * (NvInfer.h, IBuilderConfig::createTimingCache). The logger is the process's one and stays:
   * it must outlive every builder and runtime (see TrtLogger).
   */
  @Override
  public void close() {
    try (TrtScope scope = new TrtScope()) {
      if (cache != null) {
        scope.add(cache);
      }
      scope.add(owned);
    }
  }
}
