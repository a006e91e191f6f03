package org.segfill.models.testbundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;

/**
 * The tiny VAE round trip, with the caller applying {@code scaling_factor} as diffusers does
 * (×0.13025 after encoding, ÷0.13025 before decoding), and what forgetting it does.
 */
class TinySdxlVaeTest {

  private static final float SCALING = 0.13025f;
  private static final int HEIGHT = 64;
  private static final int WIDTH = 96;
  private static final float[] COLOUR = {0.8f, -0.6f, 0.4f};

  private static Session encoder;
  private static Session decoder;

  @BeforeAll
  static void open() {
    encoder = SdxlBundleFixture.open("vae_encoder");
    decoder = SdxlBundleFixture.open("vae_decoder");
  }

  @AfterAll
  static void close() {
    encoder.close();
    decoder.close();
  }

  @Test
  void smoothImageComesBackBlurredByEightPixels() {
    float[] image = smoothImage();
    float[] decoded = decode(scale(mean(encode(image, HEIGHT, WIDTH)), SCALING),
        HEIGHT / 8, WIDTH / 8);
    double maxInterior = 0;
    double maxAll = 0;
    double sum = 0;
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < HEIGHT; y++) {
        for (int x = 0; x < WIDTH; x++) {
          int i = (c * HEIGHT + y) * WIDTH + x;
          double error = Math.abs(decoded[i] - image[i]);
          sum += error;
          maxAll = Math.max(maxAll, error);
          // Within half a block (4 px) of the border the upsampling holds the edge block's
          // value, so the error there grows to the slope times 3.5 px (0.08 here).
          if (x >= 4 && x < WIDTH - 4 && y >= 4 && y < HEIGHT - 4) {
            maxInterior = Math.max(maxInterior, error);
          }
        }
      }
    }
    assertTrue(maxInterior < 0.02, "interior max error " + maxInterior);
    assertTrue(maxAll < 0.1, "max error " + maxAll);
    assertTrue(sum / image.length < 0.008, "mean error " + sum / image.length);
  }

  @Test
  void flatColourEncodesToTheDocumentedLatentAndDecodesExactly() {
    float[] parameters = encode(flat(COLOUR, 16, 24), 16, 24);
    float[] scaled = scale(mean(parameters), SCALING);
    float[] expected = TinySdxl.latentOfRgb(COLOUR[0], COLOUR[1], COLOUR[2]);
    for (int k = 0; k < 4; k++) {
      assertEquals(expected[k], scaled[k * 6], 1e-5, "latent channel " + k);
    }
    for (int i = 4 * 6; i < parameters.length; i++) {
      assertEquals(TinySdxl.LOGVAR, parameters[i], 0f, "logvar");
    }
    float[] decoded = decode(scaled, 2, 3);
    for (int c = 0; c < 3; c++) {
      assertEquals(COLOUR[c], decoded[c * 16 * 24 + 100], 1e-5, "channel " + c);
    }
    assertArrayEquals(COLOUR, TinySdxl.rgbOfLatent(expected), 1e-6f);
  }

  @Test
  void forgettingTheScalingFactorScalesColours() {
    float[] scaled = scale(mean(encode(flat(COLOUR, 16, 24), 16, 24)), SCALING);
    // Decoding scaled latents as they are: every colour shrinks to 13% (near mid grey).
    float[] undivided = decodeRaw(scaled, 2, 3);
    // Encoding without the ×0.13025, then dividing: colours grow 7.7 times.
    float[] unscaledThenDivided = decode(mean(encode(flat(COLOUR, 16, 24), 16, 24)),
        2, 3);
    for (int c = 0; c < 3; c++) {
      int i = c * 16 * 24 + 100;
      assertEquals(SCALING * COLOUR[c], undivided[i], 1e-5, "channel " + c);
      assertTrue(Math.abs(undivided[i] - COLOUR[c]) > 0.85 * Math.abs(COLOUR[c]));
      assertEquals(COLOUR[c] / SCALING, unscaledThenDivided[i], 1e-4, "channel " + c);
    }
  }

  @Test
  void batchesAndNonSquareSizesKeepTheirShape() {
    Tensor parameters = encoder.runAll(Map.of("sample",
        Tensor.ofFloats(new long[] {2, 3, 48, 80}, new float[2 * 3 * 48 * 80])))
        .get("latent_parameters");
    assertArrayEquals(new long[] {2, 8, 6, 10}, parameters.shape());
    Tensor image = decoder.runAll(Map.of("latent_sample",
        Tensor.ofFloats(new long[] {2, 4, 6, 10}, new float[2 * 4 * 6 * 10]))).get("sample");
    assertArrayEquals(new long[] {2, 3, 48, 80}, image.shape());
  }

  /** latent_parameters of one image [3,height,width]. */
  private static float[] encode(float[] image, int height, int width) {
    return encoder.runAll(Map.of("sample",
        Tensor.ofFloats(new long[] {1, 3, height, width}, image)))
        .get("latent_parameters").toFloatArray();
  }

  /** Decodes one image's scaled latents the diffusers way: divided by the factor first. */
  private static float[] decode(float[] scaledLatents, int height, int width) {
    return decodeRaw(scale(scaledLatents, 1 / SCALING), height, width);
  }

  /** Decodes one image's latents [4,height,width] as given. */
  private static float[] decodeRaw(float[] latents, int height, int width) {
    return decoder.runAll(Map.of("latent_sample",
        Tensor.ofFloats(new long[] {1, 4, height, width}, latents))).get("sample").toFloatArray();
  }

  // The first 4 of 8 channels of one image's latent_parameters.
  private static float[] mean(float[] parameters) {
    float[] mean = new float[parameters.length / 2];
    System.arraycopy(parameters, 0, mean, 0, mean.length);
    return mean;
  }

  private static float[] scale(float[] values, float factor) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] * factor;
    }
    return out;
  }

  private static float[] flat(float[] colour, int height, int width) {
    float[] image = new float[3 * height * width];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < height * width; i++) {
        image[c * height * width + i] = colour[c];
      }
    }
    return image;
  }

  // Low-frequency colours in [-0.7, 0.7]: at most half a period across the image.
  private static float[] smoothImage() {
    float[] image = new float[3 * HEIGHT * WIDTH];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < HEIGHT; y++) {
        for (int x = 0; x < WIDTH; x++) {
          image[(c * HEIGHT + y) * WIDTH + x] = (float) (0.7
              * Math.sin(Math.PI * x / WIDTH + 0.8 * c) * Math.cos(0.7 * Math.PI * y / HEIGHT
              + 0.3 * c));
        }
      }
    }
    return image;
  }
}
