package org.segfill.models.onnx;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import org.segfill.models.onnx.proto.OnnxSubset.GraphProto;
import org.segfill.models.onnx.proto.OnnxSubset.ModelProto;
import org.segfill.models.onnx.proto.OnnxSubset.StringStringEntryProto;
import org.segfill.models.onnx.proto.OnnxSubset.TensorProto;

/**
 * Moves large initializers out of a model into one side file, as ONNX external data: the tensor
 * keeps its name, type and dims, loses its {@code raw_data}, and gets
 * {@code data_location = EXTERNAL} with {@code location}, {@code offset} and {@code length}
 * entries. Readers resolve {@code location} against the model file's folder. Tensors are stored
 * back to back in initializer order, which is what {@code onnx.save(...,
 * all_tensors_to_one_file=True)} does below its alignment threshold.
 */
final class ExternalData {

  private ExternalData() {}

  /**
   * Returns {@code model} with every initializer of at least {@code minBytes} bytes written to
   * {@code data} (the file named {@code location}) instead of inline.
   */
  static ModelProto externalize(ModelProto model, String location, long minBytes,
      OutputStream data) throws IOException {
    GraphProto.Builder graph = model.getGraph().toBuilder();
    long offset = 0;
    for (int i = 0; i < graph.getInitializerCount(); i++) {
      TensorProto tensor = graph.getInitializer(i);
      ByteString bytes = tensor.getRawData();
      if (bytes.size() < minBytes) {
        continue;
      }
      bytes.writeTo(data);
      graph.setInitializer(i, tensor.toBuilder()
          .clearRawData()
          .setDataLocation(TensorProto.DataLocation.EXTERNAL)
          .addExternalData(entry("location", location))
          .addExternalData(entry("offset", Long.toString(offset)))
          .addExternalData(entry("length", Integer.toString(bytes.size()))));
      offset += bytes.size();
    }
    return model.toBuilder().setGraph(graph).build();
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }
}
