package dev.loupe.ingest.otlp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Protobuf wire format read from a byte array with {@link CodedInputStream}, for the streaming
 * {@link ProtobufTraceDecoder}. It counts message nesting as protobuf's generated parser does
 * ({@link CodedInputStream#setRecursionLimit}: each sub-message or group is one level, the request
 * is level 0) and refuses a body nested deeper than {@link ProtobufTraceDecoder#RECURSION_LIMIT},
 * so that a malicious body cannot overflow the stack; and it skips the fields the decoder does not
 * use while checking what the generated parser would have checked in them (see {@link #skip}).
 *
 * <p>Tags are compared whole (field number and wire type), as generated code does: a known field
 * number with another wire type is an unknown field, skipped.
 */
final class WireReader {
  /** How far a tag's field number is shifted left of its wire type. */
  static final int TYPE_BITS = 3;

  static final int VARINT = WireFormat.WIRETYPE_VARINT;
  static final int FIXED64 = WireFormat.WIRETYPE_FIXED64;
  static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

  final CodedInputStream in;
  private final byte[] buffer;
  private final int start;
  private final int length;

  /** The nesting level of the message being read. */
  private int level;

  /**
   * Reads {@code length} bytes of {@code buffer} from {@code start}, a message at {@code level}.
   */
  WireReader(byte[] buffer, int start, int length, int level) {
    this.in = CodedInputStream.newInstance(buffer, start, length);
    this.buffer = buffer;
    this.start = start;
    this.length = length;
    this.level = level;
  }

  /** The next tag, or 0 at the end of the current message. */
  int readTag() throws IOException {
    return in.readTag();
  }

  int level() {
    return level;
  }

  /** The array read from. */
  byte[] buffer() {
    return buffer;
  }

  /** Where the reader is in {@link #buffer()}. */
  int position() {
    return start + in.getTotalBytesRead();
  }

  /**
   * Enters the length-delimited sub-message that follows the tag just read: until {@link #exit},
   * {@link #readTag} reads its fields.
   *
   * @return what to pass to {@link #exit}
   */
  int enter() throws IOException {
    int size = in.readRawVarint32();
    checkLevel();
    int oldLimit = in.pushLimit(size);
    level++;
    return oldLimit;
  }

  /** Leaves the sub-message entered, once {@link #readTag} has returned 0. */
  void exit(int oldLimit) {
    level--;
    in.popLimit(oldLimit);
  }

  /**
   * A reader of the length-delimited sub-message that follows the tag just read, which this reader
   * then skips: for a message read in two passes (see {@link #again}).
   */
  WireReader message() throws IOException {
    int size = in.readRawVarint32();
    checkLevel();
    int at = position();
    in.skipRawBytes(size);
    return new WireReader(buffer, at, size, level + 1);
  }

  /** A new reader of this reader's bytes, from their start. */
  WireReader again() {
    return new WireReader(buffer, start, length, level);
  }

  /**
   * The string field that follows the tag just read, as {@code readStringRequireUtf8} reads it, but
   * the same instance for the same short string ({@link StringTable}): a string the table has is
   * valid UTF-8 already and is skipped over, any other is read (and checked) by protobuf.
   */
  String string(StringTable table) throws IOException {
    int at = position();
    int end = start + length;
    // the length varint, peeked: one or two bytes for a short string
    int limit = in.getBytesUntilLimit(); // -1: no sub-message entered, this reader's end holds
    int available = limit < 0 ? end - at : Math.min(limit, end - at);
    if (available > 0 && buffer[at] >= 0) {
      return string(table, at + 1, buffer[at], available - 1);
    }
    if (available > 1 && buffer[at + 1] >= 0) {
      return string(table, at + 2, (buffer[at] & 0x7f) | buffer[at + 1] << 7, available - 2);
    }
    return in.readStringRequireUtf8();
  }

  /** The string of {@code size} bytes at {@code from}, {@code available} bytes being readable. */
  private String string(StringTable table, int from, int size, int available) throws IOException {
    if (size > StringTable.MAX_BYTES || size > available) return in.readStringRequireUtf8();
    String known = table.find(buffer, from, size);
    if (known != null) {
      in.skipRawBytes(from - position() + size);
      return known;
    }
    String s = in.readStringRequireUtf8();
    table.learn(s, buffer, from, size);
    return s;
  }

  /** The bytes field that follows the tag just read, as lowercase hex. */
  String hex() throws IOException {
    int size = in.readRawVarint32();
    int at = position();
    in.skipRawBytes(size); // refuses a negative or truncated size before the bytes are looked at
    return SpanIds.hex(buffer, at, size);
  }

  /**
   * Skips the field whose tag was just read, in a message of type {@code type}, checking it as
   * protobuf's generated parser checks it when it parses that field: a string must be UTF-8 (the
   * OTLP .proto files are proto3, whose strings protobuf-java checks), a sub-message is parsed
   * through (nesting counted), an unknown group must be closed by its end tag, and a stray end tag,
   * bad wire type or truncation is an error. Whatever else is on the wire needs no check but its
   * length. (None of the OTLP trace messages has a packed repeated field, which would need its
   * elements checked; the tests make sure.)
   */
  void skip(Descriptor type, int tag) throws IOException {
    if (WireFormat.getTagWireType(tag) == LENGTH_DELIMITED) {
      FieldDescriptor field = type.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
      if (field != null && field.getType() == FieldDescriptor.Type.STRING) {
        in.readStringRequireUtf8();
        return;
      }
      if (field != null && field.getType() == FieldDescriptor.Type.MESSAGE) {
        int oldLimit = enter();
        for (int t; (t = in.readTag()) != 0; ) skip(field.getMessageType(), t);
        exit(oldLimit);
        return;
      }
    }
    skipUnknown(tag);
  }

  /**
   * Skips a field without looking into it as a known field: what was already checked, or is unknown
   * to the schema.
   */
  void skipUnknown(int tag) throws IOException {
    if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_START_GROUP) {
      // throws for an end-group tag here (no group is open), as the generated parser does
      in.skipField(tag);
      return;
    }
    checkLevel();
    level++;
    int t;
    while ((t = in.readTag()) != 0
        && WireFormat.getTagWireType(t) != WireFormat.WIRETYPE_END_GROUP) {
      skipUnknown(t);
    }
    // the group must end with its own end tag, not another one nor the end of the message
    in.checkLastTagWas(tag - WireFormat.WIRETYPE_START_GROUP + WireFormat.WIRETYPE_END_GROUP);
    level--;
  }

  /** Refuses to open a message or group one level deeper than the limit allows. */
  private void checkLevel() throws InvalidProtocolBufferException {
    if (level >= ProtobufTraceDecoder.RECURSION_LIMIT) {
      throw new InvalidProtocolBufferException(
          "Protocol message had too many levels of nesting (more than "
              + ProtobufTraceDecoder.RECURSION_LIMIT
              + ")");
    }
  }
}
