package org.segfill.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build's check that the kernel library carries machine code for every GPU generation we
 * support plus PTX for newer ones (there is no cuobjdump on the build machines).
 */
class KernelLibraryArchitecturesTest {

  @Test
  void fatbinCarriesEverySupportedArchitectureAndPtx() throws Exception {
    KernelLibraryReport report = KernelLibraryProbe.probe();
    System.out.println("kernel library " + report.path() + ": cubins " + report.cubins()
        + ", ptx " + report.ptx());
    for (String sm : List.of("sm_80", "sm_86", "sm_89", "sm_90")) {
      assertTrue(report.cubins().contains(sm), "missing " + sm + " in " + report.cubins());
    }
    assertTrue(report.ptx().contains("compute_90"), "missing compute_90 PTX in " + report.ptx());
  }

  @Test
  void readerRefusesFilesThatAreNotElf() throws Exception {
    java.nio.file.Path notElf = java.nio.file.Files.createTempFile("not-elf", ".so");
    java.nio.file.Files.writeString(notElf, "-".repeat(100));
    try {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> FatbinReader.read(notElf));
      assertEquals("not a 64-bit ELF file", e.getMessage());
    } finally {
      java.nio.file.Files.delete(notElf);
    }
  }
}
