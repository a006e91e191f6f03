package org.segfill.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

  @Test
  void detectsEachFormatFromItsMagicBytes() {
    assertEquals(Optional.of(ImageFormat.PNG), ImageFormat.detect(PngBytes.SIGNATURE));
    assertEquals(Optional.of(ImageFormat.JPEG), ImageFormat.detect(Bytes.of(0xFF, 0xD8, 0xFF)));
    assertEquals(Optional.of(ImageFormat.WEBP),
        ImageFormat.detect(Bytes.concat(Bytes.ascii("RIFF"), Bytes.u32le(4),
            Bytes.ascii("WEBP"))));
    assertEquals(Optional.of(ImageFormat.BMP), ImageFormat.detect(Bytes.ascii("BM")));
  }

  @Test
  void refusesOtherAndTooShortMagic() {
    assertEquals(Optional.empty(), ImageFormat.detect(new byte[0]));
    assertEquals(Optional.empty(), ImageFormat.detect(null));
    assertEquals(Optional.empty(), ImageFormat.detect(Bytes.of(0xFF, 0xD8)));
    assertEquals(Optional.empty(), ImageFormat.detect(Bytes.ascii("GIF89a")));
    assertEquals(Optional.empty(), ImageFormat.detect(Bytes.of('I', 'I', 42, 0)));
    assertEquals(Optional.empty(), ImageFormat.detect(Bytes.of(0, 0, 1, 0)));
    assertEquals(Optional.empty(), ImageFormat.detect(Bytes.ascii("<svg xmlns=")));
    // RIFF of another form type, e.g. a WAV file.
    assertEquals(Optional.empty(), ImageFormat.detect(Bytes.concat(Bytes.ascii("RIFF"),
        Bytes.u32le(4), Bytes.ascii("WAVE"))));
    // One byte short of the PNG signature.
    assertEquals(Optional.empty(),
        ImageFormat.detect(Arrays.copyOf(PngBytes.SIGNATURE, 7)));
  }

  @Test
  void mimeTypesAndExtensions() {
    assertEquals("image/jpeg", ImageFormat.JPEG.mimeType());
    assertEquals("jpg", ImageFormat.JPEG.extension());
    assertEquals("image/png", ImageFormat.PNG.mimeType());
    assertEquals("png", ImageFormat.PNG.extension());
    assertEquals("image/webp", ImageFormat.WEBP.mimeType());
    assertEquals("webp", ImageFormat.WEBP.extension());
    assertEquals("image/bmp", ImageFormat.BMP.mimeType());
    assertEquals("bmp", ImageFormat.BMP.extension());
  }
}
