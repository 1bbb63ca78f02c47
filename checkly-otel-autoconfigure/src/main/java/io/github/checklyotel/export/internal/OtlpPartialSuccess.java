package io.github.checklyotel.export.internal;

import java.nio.charset.StandardCharsets;

/**
 * The {@code partial_success} of an OTLP trace export response: how many spans an endpoint that
 * answered with success still rejected, and why.
 *
 * <p>OpenTelemetry's exporters do not read a successful response's body, so it is decoded here. The
 * body is untrusted: it is read within its bounds, and anything that is not a well-formed {@code
 * ExportTraceServiceResponse} reads as {@link #NONE}, never as an exception on the exporter's
 * thread.
 *
 * @param rejectedSpans the spans the endpoint rejected, 0 or more
 * @param errorMessage what the endpoint said, possibly empty
 */
record OtlpPartialSuccess(long rejectedSpans, String errorMessage) {

  /** A full success. */
  static final OtlpPartialSuccess NONE = new OtlpPartialSuccess(0, "");

  // Field numbers and wire types of ExportTraceServiceResponse and ExportTracePartialSuccess.
  private static final int PARTIAL_SUCCESS = 1;

  private static final int REJECTED_SPANS = 1;

  private static final int ERROR_MESSAGE = 2;

  private static final int VARINT = 0;

  private static final int FIXED64 = 1;

  private static final int LENGTH_DELIMITED = 2;

  private static final int FIXED32 = 5;

  /** How much of an endpoint's message is read: a log line shows less. */
  private static final int MAX_MESSAGE_BYTES = 1024;

  /** Whether the endpoint rejected spans or said anything. */
  boolean isPartial() {
    return this.rejectedSpans > 0 || !this.errorMessage.isEmpty();
  }

  /** This answer and a later one together: their rejections add up, the later message stands. */
  OtlpPartialSuccess plus(OtlpPartialSuccess later) {
    long sum = this.rejectedSpans + later.rejectedSpans;
    return new OtlpPartialSuccess(
        (sum < 0) ? Long.MAX_VALUE : sum, // both are untrusted: saturate rather than wrap
        later.errorMessage.isEmpty() ? this.errorMessage : later.errorMessage);
  }

  /** Decodes a binary protobuf {@code ExportTraceServiceResponse}; {@link #NONE} if malformed. */
  static OtlpPartialSuccess parse(byte[] body) {
    if (body == null || body.length == 0) {
      return NONE;
    }
    Reader response = new Reader(body, 0, body.length);
    OtlpPartialSuccess result = NONE;
    while (response.hasMore()) {
      long tag = response.varint();
      if (tag < 0) {
        return NONE;
      }
      if (tag == ((PARTIAL_SUCCESS << 3) | LENGTH_DELIMITED)) {
        Reader field = response.lengthDelimited();
        if (field == null) {
          return NONE;
        }
        result = partialSuccess(field);
        if (result == null) {
          return NONE;
        }
      } else if (!response.skip((int) (tag & 7))) {
        return NONE;
      }
    }
    return result;
  }

  private static OtlpPartialSuccess partialSuccess(Reader field) {
    long rejected = 0;
    String message = "";
    while (field.hasMore()) {
      long tag = field.varint();
      if (tag == ((REJECTED_SPANS << 3) | VARINT)) {
        rejected = field.varint();
        if (rejected < 0) {
          return null; // malformed, or a negative int64, which no endpoint should send
        }
      } else if (tag == ((ERROR_MESSAGE << 3) | LENGTH_DELIMITED)) {
        Reader text = field.lengthDelimited();
        if (text == null) {
          return null;
        }
        message = text.utf8();
      } else if (tag < 0 || !field.skip((int) (tag & 7))) {
        return null;
      }
    }
    return new OtlpPartialSuccess(rejected, message);
  }

  /** A bounded view of protobuf bytes; every read fails softly (-1, null, false) past its end. */
  private static final class Reader {

    private final byte[] bytes;

    private final int end;

    private int position;

    Reader(byte[] bytes, int from, int end) {
      this.bytes = bytes;
      this.position = from;
      this.end = end;
    }

    boolean hasMore() {
      return this.position < this.end;
    }

    /** A varint of at most 63 bits, or -1 if it runs past the end or is longer. */
    long varint() {
      long value = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        if (this.position >= this.end) {
          return -1;
        }
        byte b = this.bytes[this.position++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      return -1;
    }

    Reader lengthDelimited() {
      long length = varint();
      if (length < 0 || length > this.end - this.position) {
        return null;
      }
      Reader field = new Reader(this.bytes, this.position, this.position + (int) length);
      this.position += (int) length;
      return field;
    }

    boolean skip(int wireType) {
      return switch (wireType) {
        case VARINT -> varint() >= 0;
        case FIXED64 -> advance(8);
        case LENGTH_DELIMITED -> lengthDelimited() != null;
        case FIXED32 -> advance(4);
        default -> false; // groups are deprecated and never used by OTLP
      };
    }

    private boolean advance(int count) {
      if (count > this.end - this.position) {
        return false;
      }
      this.position += count;
      return true;
    }

    /** The text, up to {@link #MAX_MESSAGE_BYTES}: what is logged of it is shorter still. */
    String utf8() {
      int length = Math.min(this.end - this.position, MAX_MESSAGE_BYTES);
      return new String(this.bytes, this.position, length, StandardCharsets.UTF_8);
    }
  }
}
