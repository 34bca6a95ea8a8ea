package dev.loupe.testing.clickhouse;

import java.io.ByteArrayOutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * ClickHouse's own compressed framing, which the HTTP interface speaks on {@code compress=1}
 * (response) and {@code decompress=1} (request body), and which client-v2 uses by default for
 * responses: blocks of 16 bytes of CityHash128 checksum, a method byte (0x82 LZ4, 0x02 none), the
 * block's size with its 9-byte header and the uncompressed size (both little-endian int32), then
 * the data.
 */
final class CompressedBlocks {
  private static final int HEADER = 9;
  private static final int CHECKSUM = 16;
  private static final byte LZ4 = (byte) 0x82;
  private static final byte NONE = (byte) 0x02;
  private static final byte ZSTD = (byte) 0x90;

  /** The server's max_compress_block_size default. */
  private static final int BLOCK = 1 << 20;

  private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
  private static final LZ4FastDecompressor DECOMPRESSOR =
      LZ4Factory.fastestInstance().fastDecompressor();

  private CompressedBlocks() {}

  /** {@code data} as LZ4 blocks of at most 1 MiB each; nothing for no data. */
  static byte[] encode(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
    for (int off = 0; off < data.length; off += BLOCK) {
      int n = Math.min(BLOCK, data.length - off);
      byte[] block = new byte[HEADER + COMPRESSOR.maxCompressedLength(n)];
      int size = HEADER + COMPRESSOR.compress(data, off, n, block, HEADER);
      block[0] = LZ4;
      putInt(block, 1, size);
      putInt(block, 5, n);
      long[] sum = CityHash128.hash(block, 0, size);
      byte[] checksum = new byte[CHECKSUM];
      putLong(checksum, 0, sum[0]);
      putLong(checksum, 8, sum[1]);
      out.writeBytes(checksum);
      out.write(block, 0, size);
    }
    return out.toByteArray();
  }

  /** The data of a framed body; refuses a bad checksum or a codec other than LZ4 and none. */
  static byte[] decode(byte[] framed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(framed.length * 2);
    int pos = 0;
    while (pos < framed.length) {
      if (framed.length - pos < CHECKSUM + HEADER) {
        throw error(432, "truncated compressed block header", "UNKNOWN_CODEC");
      }
      int start = pos + CHECKSUM;
      byte method = framed[start];
      int size = getInt(framed, start + 1);
      int plain = getInt(framed, start + 5);
      if (size < HEADER || plain < 0 || start + size > framed.length) {
        throw error(271, "compressed block declares " + size + " bytes", "CANNOT_DECOMPRESS");
      }
      long[] sum = CityHash128.hash(framed, start, size);
      if (sum[0] != CityHash128.fetch64(framed, pos)
          || sum[1] != CityHash128.fetch64(framed, pos + 8)) {
        throw error(40, "checksum of compressed block does not match", "CHECKSUM_DOESNT_MATCH");
      }
      byte[] data = new byte[plain];
      if (method == LZ4) {
        try {
          DECOMPRESSOR.decompress(framed, start + HEADER, data, 0, plain);
        } catch (LZ4Exception e) {
          throw error(271, "LZ4 block does not decompress: " + e.getMessage(), "CANNOT_DECOMPRESS");
        }
      } else if (method == NONE && size - HEADER == plain) {
        System.arraycopy(framed, start + HEADER, data, 0, plain);
      } else {
        String name = method == ZSTD ? "ZSTD (not supported by this test endpoint)" : "unknown";
        throw error(
            432,
            "compression method 0x" + Integer.toHexString(method & 0xff) + " " + name,
            "UNKNOWN_CODEC");
      }
      out.writeBytes(data);
      pos = start + size;
    }
    return out.toByteArray();
  }

  private static ChDbException error(int code, String message, String name) {
    return new ChDbException("Code: " + code + ". DB::Exception: " + message + ". (" + name + ")");
  }

  private static int getInt(byte[] b, int i) {
    return (b[i] & 0xff)
        | (b[i + 1] & 0xff) << 8
        | (b[i + 2] & 0xff) << 16
        | (b[i + 3] & 0xff) << 24;
  }

  private static void putInt(byte[] b, int i, int v) {
    for (int k = 0; k < 4; k++) {
      b[i + k] = (byte) (v >>> (8 * k));
    }
  }

  private static void putLong(byte[] b, int i, long v) {
    for (int k = 0; k < 8; k++) {
      b[i + k] = (byte) (v >>> (8 * k));
    }
  }
}
