package org.segfill.server;

import java.util.Arrays;
import org.segfill.engine.image.ImageDecoder;
import org.segfill.engine.image.ImageLimits;
import org.segfill.engine.image.PngEncoder;
import org.segfill.engine.image.RgbImage;
import org.segfill.models.testbundle.TwoShapesScene;

/** Small synthetic photos with known shapes, and helpers to read PNGs back. */
final class Scenes {

  /** A 320x190 landscape: big enough for the shapes, small enough for fast tests. */
  static final TwoShapesScene SMALL = TwoShapesScene.landscape().scaledTo(320, 190);

  private Scenes() {}

  static byte[] png(TwoShapesScene scene) {
    return PngEncoder.encode(scene.image());
  }

  static byte[] ellipseMaskPng(TwoShapesScene scene) {
    return PngEncoder.encodeGray(scene.width(), scene.height(), scene.ellipseMask());
  }

  static byte[] grayPng(int width, int height, int value) {
    byte[] g = new byte[width * height];
    Arrays.fill(g, (byte) value);
    return PngEncoder.encodeGray(width, height, g);
  }

  /** The single-channel pixels of a gray PNG (a mask as the server serves it). */
  static byte[] maskPixels(byte[] png) {
    var px = new ImageDecoder(ImageLimits.defaults()).decodePixels(png);
    if (px.channels() != 1) {
      throw new IllegalStateException("expected a gray PNG, got " + px.channels()
          + " channels");
    }
    return px.pixels();
  }

  static RgbImage decode(byte[] png) {
    return new ImageDecoder(ImageLimits.defaults()).decode(png);
  }
}
