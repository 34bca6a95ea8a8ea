package dev.loupe.ingest.otlp;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a message as protobuf allows but its serializer never does, so that a decoder reading the
 * wire meets it: fields in random order (repeated ones interleaved with the rest), a singular
 * sub-message split over two occurrences (which protobuf merges), extra occurrences of a message's
 * fields taken from another random message of its type (a scalar given twice, two {@code AnyValue}
 * cases, a {@code KeyValue} with two values), fields written with their default value, and unknown
 * fields anywhere.
 */
final class WireScrambler {
  /** Messages nested deeper are written as protobuf writes them (the test's stack is finite). */
  private static final int MAX_LEVELS = 40;

  private final RandomRequests random;
  private final Random choices; // where to cut, in which order

  WireScrambler(RandomRequests random, long seed) {
    this.random = random;
    this.choices = new Random(seed);
  }

  byte[] scramble(Message m) {
    return scramble(m, 0);
  }

  private byte[] scramble(Message m, int level) {
    return level > MAX_LEVELS ? m.toByteArray() : concat(pieces(m, level));
  }

  /** The fields of {@code m}, each written on its own, in random order. */
  private List<byte[]> pieces(Message m, int level) {
    Descriptor type = m.getDescriptorForType();
    List<byte[]> pieces = new ArrayList<>();
    for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      if (f.isRepeated()) {
        for (Object v : (List<?>) e.getValue()) pieces.add(piece(m, f, v, level));
      } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && random.oneIn(4)) {
        List<byte[]> inner = pieces((Message) e.getValue(), level + 1);
        int cut = inner.isEmpty() ? 0 : choices.nextInt(inner.size() + 1);
        pieces.add(lengthDelimited(f.getNumber(), concat(inner.subList(0, cut))));
        pieces.add(lengthDelimited(f.getNumber(), concat(inner.subList(cut, inner.size()))));
      } else {
        pieces.add(piece(m, f, e.getValue(), level));
      }
    }
    UnknownFieldSet unknown = m.getUnknownFields();
    unknown
        .asMap()
        .forEach(
            (n, f) ->
                pieces.add(UnknownFieldSet.newBuilder().addField(n, f).build().toByteArray()));
    if (random.oneIn(8)) pieces.add(random.unknowns(type).toByteArray());
    if (random.oneIn(8))
      pieces.add(defaultValue(type.getFields().get(choices.nextInt(type.getFields().size()))));
    Message other = random.oneIn(6) ? random.random(type) : null;
    if (other != null) {
      for (byte[] piece : pieces(other, level)) {
        if (random.oneIn(2)) pieces.add(piece);
      }
    }
    Collections.shuffle(pieces, choices);
    return pieces;
  }

  private byte[] piece(Message m, FieldDescriptor f, Object value, int level) {
    if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      return lengthDelimited(f.getNumber(), scramble((Message) value, level + 1));
    }
    Message.Builder b = m.newBuilderForType();
    if (f.isRepeated()) {
      b.addRepeatedField(f, value);
    } else {
      b.setField(f, value);
    }
    return b.build().toByteArray();
  }

  /** Field {@code f} written with its default value (an empty message for a message field). */
  private static byte[] defaultValue(FieldDescriptor f) {
    return write(
        out -> {
          int n = f.getNumber();
          switch (f.getLiteType().getWireType()) {
            case WireFormat.WIRETYPE_VARINT -> out.writeUInt64(n, 0);
            case WireFormat.WIRETYPE_FIXED64 -> out.writeFixed64(n, 0);
            case WireFormat.WIRETYPE_FIXED32 -> out.writeFixed32(n, 0);
            default -> out.writeByteArray(n, new byte[0]);
          }
        });
  }

  static byte[] lengthDelimited(int number, byte[] payload) {
    return write(out -> out.writeByteArray(number, payload));
  }

  static byte[] concat(List<byte[]> pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] piece : pieces) out.writeBytes(piece);
    return out.toByteArray();
  }

  interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      writer.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
