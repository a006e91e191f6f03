package org.segfill.devices;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * Lists the GPU code embedded in an ELF shared library's {@code .nv_fatbin} section, so the build
 * can check its architectures without cuobjdump. A fatbin section is a sequence of blobs (magic
 * 0xBA55ED50, 16-byte header, payload size); each blob holds entries whose header gives the kind
 * (1 = PTX, 2 = ELF cubin), the header size, the padded payload size and the SM version.
 */
public final class FatbinReader {
  private static final int FATBIN_MAGIC = 0xBA55ED50;
  private static final int KIND_PTX = 1;
  private static final int KIND_CUBIN = 2;

  /** The architectures found: cubins as "sm_NN", PTX as "compute_NN", each sorted. */
  public record Architectures(List<String> cubins, List<String> ptx) {}

  private FatbinReader() {}

  /** Reads the fatbin of the library at {@code path}. */
  public static Architectures read(Path path) throws IOException {
    ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer section = findSection(elf, ".nv_fatbin");
    TreeSet<String> cubins = new TreeSet<>();
    TreeSet<String> ptx = new TreeSet<>();
    if (section == null) {
      return new Architectures(List.of(), List.of());
    }
    int blob = 0;
    while (blob + 16 <= section.limit()) {
      if (section.getInt(blob) != FATBIN_MAGIC) {
        break; // trailing alignment padding
      }
      int headerSize = Short.toUnsignedInt(section.getShort(blob + 6));
      long blobSize = section.getLong(blob + 8);
      int entry = blob + headerSize;
      int end = Math.toIntExact(blob + headerSize + blobSize);
      while (entry + 32 <= end) {
        int kind = Short.toUnsignedInt(section.getShort(entry));
        int entryHeader = section.getInt(entry + 4);
        long payload = section.getLong(entry + 8);
        int sm = section.getInt(entry + 28);
        if (kind == KIND_CUBIN) {
          cubins.add("sm_" + sm);
        } else if (kind == KIND_PTX) {
          ptx.add("compute_" + sm);
        }
        entry = Math.toIntExact(entry + entryHeader + payload);
      }
      blob = end;
      while (blob % 8 != 0) {
        blob++;
      }
    }
    return new Architectures(List.copyOf(cubins), List.copyOf(ptx));
  }

  /** Returns a little-endian view of the named section of a 64-bit ELF file, or null. */
  private static ByteBuffer findSection(ByteBuffer elf, String wanted) {
    if (elf.limit() < 64 || elf.getInt(0) != 0x464C457F || elf.get(4) != 2) {
      throw new IllegalArgumentException("not a 64-bit ELF file");
    }
    long sectionTable = elf.getLong(0x28);
    int entrySize = Short.toUnsignedInt(elf.getShort(0x3A));
    int count = Short.toUnsignedInt(elf.getShort(0x3C));
    int namesIndex = Short.toUnsignedInt(elf.getShort(0x3E));
    long namesOffset = elf.getLong(Math.toIntExact(sectionTable + (long) namesIndex * entrySize + 0x18));
    for (int i = 0; i < count; i++) {
      int header = Math.toIntExact(sectionTable + (long) i * entrySize);
      int nameOffset = elf.getInt(header);
      if (wanted.equals(readName(elf, Math.toIntExact(namesOffset + nameOffset)))) {
        int offset = Math.toIntExact(elf.getLong(header + 0x18));
        int size = Math.toIntExact(elf.getLong(header + 0x20));
        return elf.slice(offset, size).order(ByteOrder.LITTLE_ENDIAN);
      }
    }
    return null;
  }

  private static String readName(ByteBuffer elf, int offset) {
    int end = offset;
    while (elf.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - offset];
    elf.get(offset, bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
