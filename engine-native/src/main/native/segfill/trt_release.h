// Deletes objects made by TensorRT's factories through their virtual deleting destructors.
//
// Why this exists: in the JavaCPP presets 1.5.13, a pointer a TensorRT factory returns
// (createInferRuntime, deserializeCudaEngine, createExecutionContext, createInferBuilder,
// createNetworkV2, createBuilderConfig, nvonnxparser::createParser, buildSerializedNetwork,
// createTimingCache, ...) gets its address set but no deallocator, so Pointer.deallocate() frees
// nothing (javacpp-presets issue 1699). Checked against the presets' binary:
// `objdump -d libjninvinfer.so` shows Java_org_bytedeco_tensorrt_global_nvinfer_createInferRuntime
// making the Java object and storing the address with JNIEnv::SetLongField (vtable offset 0x370),
// never JavaCPP_initPointer with a deallocator.
//
// TensorRT's headers are not redistributed with the presets, so this file names no TensorRT type.
// It mirrors the two vtable layouts it relies on (Itanium C++ ABI: a class's virtual functions
// take vtable slots in declaration order; a virtual destructor takes two, the complete-object
// destructor and then the deleting destructor, which also frees the object with the library's
// own operator delete):
//  - nvinfer1::INoCopy (NvInferRuntime.h, TensorRT 10): the destructor is its only virtual
//    function, and every nvinfer1 interface segfill creates (IRuntime, ICudaEngine,
//    IExecutionContext, IBuilder, IBuilderConfig, INetworkDefinition, IHostMemory, ITimingCache)
//    derives from it alone, as its primary base, so the deleting destructor is slot 1 (offset
//    0x8); virtual functions a subclass adds (IBuilderConfig::setAvgTimingIterations,
//    INetworkDefinition::getBuilder) come after it. The presets' Java classes extend INoCopy too.
//  - nvonnxparser::IParser (NvOnnxParser.h, every TensorRT 10.x): eight pure virtual functions
//    come before the destructor, so the deleting destructor is slot 9 (offset 0x48). Checked
//    against libjninvonnxparser.so: getNbErrors calls offset 0x28 (slot 5), clearErrors 0x38
//    (slot 7), getUsedVCPluginLibraries 0x50 (slot 10) and setFlags 0x58 (slot 11): slots 8 and 9
//    are the destructors. The presets call the parser through the same layout, so the two agree.
//    TensorRT 11 moves it (slot 7); the presets 1.5.13 link libnvinfer.so.10 and cannot load
//    TensorRT 11 at all, so moving to newer presets means checking this file again.
// ReleaseSlotsTest checks both offsets on the CPU with fake objects (the probes below).
#pragma once

#include <cstdint>

namespace segfill_trt {

// The vtable shape of nvinfer1::INoCopy; never instantiated.
class NoCopyLayout {
 public:
  virtual ~NoCopyLayout() = default;
};

// The vtable shape of nvonnxparser::IParser in TensorRT 10.15, up to its destructor; the
// functions are stand-ins for parse, parseFromFile, supportsModel, parseWithWeightDescriptors,
// supportsOperator, getNbErrors, getError and clearErrors, and are never called.
class OnnxParserLayout {
 public:
  virtual void slot0() = 0;
  virtual void slot1() = 0;
  virtual void slot2() = 0;
  virtual void slot3() = 0;
  virtual void slot4() = 0;
  virtual void slot5() = 0;
  virtual void slot6() = 0;
  virtual void slot7() = 0;
  virtual ~OnnxParserLayout() = default;
};

}  // namespace segfill_trt

// Deletes an object of any nvinfer1 interface derived from INoCopy (a null pointer is ignored).
inline void sf_trt_delete(void* object) {
  delete static_cast<segfill_trt::NoCopyLayout*>(object);
}

// Deletes an nvonnxparser::IParser (a null pointer is ignored).
inline void sf_onnx_parser_delete(void* parser) {
  delete static_cast<segfill_trt::OnnxParserLayout*>(parser);
}

// Test probes: stand-ins for vtable entries of a fake object whose second word they overwrite,
// so a CPU test can tell which slot a delete above called.
inline void sf_trt_probe_deleting(void* self) {
  static_cast<std::uint64_t*>(self)[1] = 0xD0;
}

inline void sf_trt_probe_other(void* self) {
  static_cast<std::uint64_t*>(self)[1] = 0xBAD;
}

inline std::intptr_t sf_trt_probe_deleting_address() {
  return reinterpret_cast<std::intptr_t>(&sf_trt_probe_deleting);
}

inline std::intptr_t sf_trt_probe_other_address() {
  return reinterpret_cast<std::intptr_t>(&sf_trt_probe_other);
}
