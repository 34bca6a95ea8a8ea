package dev.loupe.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip bombs, made once per run: small bodies that inflate past the server's caps (64 MiB for OTLP,
 * the 32 MiB body limit for the Langfuse batch), one whose trailer lies about its size, and one
 * just under the OTLP cap.
 */
final class Bombs {
  record Bomb(String name, String contentType, byte[] body) {}

  private final List<Bomb> all;

  Bombs() {
    byte[] huge = zeros(80 << 20);
    byte[] lying = huge.clone();
    lying[lying.length - 4] = 100; // ISIZE: "100 bytes"
    lying[lying.length - 3] = 0;
    lying[lying.length - 2] = 0;
    lying[lying.length - 1] = 0;
    all =
        List.of(
            new Bomb("80 MiB of zeros (" + (huge.length >> 10) + " KiB)", "application/json", huge),
            new Bomb("80 MiB, trailer says 100 bytes", "application/x-protobuf", lying),
            new Bomb("40 MiB of zeros", "application/json", zeros(40 << 20)));
  }

  List<Bomb> all() {
    return all;
  }

  private static byte[] zeros(int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size / 1000 + 1024);
    try (GZIPOutputStream gz =
        new GZIPOutputStream(out, 64 * 1024) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        }) {
      byte[] block = new byte[1 << 20];
      for (int i = 0; i < size / block.length; i++) gz.write(block);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
