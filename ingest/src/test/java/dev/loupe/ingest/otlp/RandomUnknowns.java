package dev.loupe.ingest.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import java.util.SplittableRandom;

/**
 * Random unknown fields for OTLP messages, as protobuf writes them from an {@link UnknownFieldSet}.
 */
final class RandomUnknowns {
  private final SplittableRandom r;

  RandomUnknowns(SplittableRandom r) {
    this.r = r;
  }

  private boolean oneIn(int n) {
    return r.nextInt(n) == 0;
  }

  private byte[] bytes() {
    byte[] b = new byte[r.nextInt(9)];
    r.nextBytes(b);
    return b;
  }

  /**
   * Usually none; else one or two unknown fields of any wire type (groups nested too): at a number
   * {@code type} does not use, or at one of its numbers with another wire type than the field's.
   */
  UnknownFieldSet of(Descriptor type) {
    UnknownFieldSet.Builder b = UnknownFieldSet.newBuilder();
    if (!oneIn(8)) return b.build();
    for (int i = 1 + r.nextInt(2); i > 0; i--) {
      int number = type.getFields().size() + 10 + r.nextInt(8);
      int wireType = r.nextInt(5);
      if (oneIn(2)) {
        FieldDescriptor known = type.getFields().get(r.nextInt(type.getFields().size()));
        number = known.getNumber();
        int expected = known.getLiteType().getWireType();
        while (wireType == expected || wireType == WireFormat.WIRETYPE_END_GROUP) {
          wireType = r.nextInt(6);
        }
      }
      b.mergeField(number, field(wireType == 4 ? 3 : wireType, 2));
    }
    return b.build();
  }

  private UnknownFieldSet.Field field(int wireType, int groupDepth) {
    UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
    switch (wireType) {
      case 0 -> f.addVarint(oneIn(2) ? r.nextLong() : r.nextInt(300));
      case 1 -> f.addFixed64(r.nextLong());
      case 2 -> f.addLengthDelimited(ByteString.copyFrom(bytes()));
      case 3 -> {
        UnknownFieldSet.Builder group = UnknownFieldSet.newBuilder();
        for (int i = r.nextInt(3); i > 0; i--) {
          int[] types = groupDepth > 0 ? new int[] {0, 1, 2, 3, 5} : new int[] {0, 1, 2, 5};
          group.mergeField(
              1 + r.nextInt(20), field(types[r.nextInt(types.length)], groupDepth - 1));
        }
        f.addGroup(group.build());
      }
      default -> f.addFixed32(r.nextInt());
    }
    return f.build();
  }
}
