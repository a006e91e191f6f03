package org.segfill.models.onnx;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.List;
import org.segfill.models.onnx.proto.OnnxSubset.AttributeProto;
import org.segfill.models.onnx.proto.OnnxSubset.AttributeProto.AttributeType;

/** A node attribute (name and one typed value), built by the static factories. */
public final class OnnxAttribute {

  private final AttributeProto proto;

  private OnnxAttribute(AttributeProto proto) {
    this.proto = proto;
  }

  public static OnnxAttribute ofInt(String name, long value) {
    return new OnnxAttribute(base(name, AttributeType.INT).setI(value).build());
  }

  public static OnnxAttribute ofFloat(String name, float value) {
    return new OnnxAttribute(base(name, AttributeType.FLOAT).setF(value).build());
  }

  public static OnnxAttribute ofString(String name, String value) {
    return new OnnxAttribute(base(name, AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value)).build());
  }

  public static OnnxAttribute ofInts(String name, long... values) {
    AttributeProto.Builder builder = base(name, AttributeType.INTS);
    for (long value : values) {
      builder.addInts(value);
    }
    return new OnnxAttribute(builder.build());
  }

  public static OnnxAttribute ofFloats(String name, float... values) {
    AttributeProto.Builder builder = base(name, AttributeType.FLOATS);
    for (float value : values) {
      builder.addFloats(value);
    }
    return new OnnxAttribute(builder.build());
  }

  public String name() {
    return proto.getName();
  }

  AttributeProto proto() {
    return proto;
  }

  // IR >= 2 readers dispatch on the type field, so it is always set next to the value.
  private static AttributeProto.Builder base(String name, AttributeType type) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name: an attribute needs a non-empty name");
    }
    return AttributeProto.newBuilder().setName(name).setType(type);
  }

  static List<AttributeProto> protos(OnnxAttribute... attributes) {
    return Arrays.stream(attributes).map(OnnxAttribute::proto).toList();
  }
}
