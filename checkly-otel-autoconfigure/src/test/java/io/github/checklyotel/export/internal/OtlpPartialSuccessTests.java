package io.github.checklyotel.export.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link OtlpPartialSuccess#parse}: responses encoded by the official protobuf classes, as an
 * endpoint sends them, and hand-picked malformed ones.
 */
class OtlpPartialSuccessTests {

  @Test
  void noBodyAndAnEmptyResponseAreFullSuccess() {
    assertThat(OtlpPartialSuccess.parse(null)).isEqualTo(OtlpPartialSuccess.NONE);
    assertThat(OtlpPartialSuccess.parse(new byte[0])).isEqualTo(OtlpPartialSuccess.NONE);
    assertThat(
            OtlpPartialSuccess.parse(ExportTraceServiceResponse.getDefaultInstance().toByteArray()))
        .isEqualTo(OtlpPartialSuccess.NONE);
  }

  @Test
  void readsRejectedSpansAndMessage() {
    OtlpPartialSuccess answer = OtlpPartialSuccess.parse(response(3, "too old"));
    assertThat(answer.rejectedSpans()).isEqualTo(3);
    assertThat(answer.errorMessage()).isEqualTo("too old");
    assertThat(answer.isPartial()).isTrue();
  }

  @Test
  void aMessageWithoutRejectionsIsAWarning() {
    OtlpPartialSuccess answer = OtlpPartialSuccess.parse(response(0, "deprecated attribute"));
    assertThat(answer.rejectedSpans()).isZero();
    assertThat(answer.errorMessage()).isEqualTo("deprecated attribute");
    assertThat(answer.isPartial()).isTrue();
  }

  @Test
  void anEmptyPartialSuccessIsFullSuccess() {
    byte[] body =
        ExportTraceServiceResponse.newBuilder()
            .setPartialSuccess(ExportTracePartialSuccess.getDefaultInstance())
            .build()
            .toByteArray();
    assertThat(OtlpPartialSuccess.parse(body).isPartial()).isFalse();
  }

  @Test
  void readsLargeCountsAndMultiByteText() {
    OtlpPartialSuccess answer =
        OtlpPartialSuccess.parse(response(Integer.MAX_VALUE + 1L, "zu alt: ü€"));
    assertThat(answer.rejectedSpans()).isEqualTo(Integer.MAX_VALUE + 1L);
    assertThat(answer.errorMessage()).isEqualTo("zu alt: ü€");
  }

  @Test
  void skipsFieldsItDoesNotKnow() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeUInt64(7, 99); // unknown varint
    out.writeFixed64(8, 1); // unknown fixed64
    out.writeBytes(9, ByteString.copyFromUtf8("x")); // unknown length-delimited
    out.writeFixed32(10, 1); // unknown fixed32
    out.writeByteArray(1, partialSuccess(5, "later fields"));
    out.writeUInt64(11, 1);
    out.flush();
    OtlpPartialSuccess answer = OtlpPartialSuccess.parse(bytes.toByteArray());
    assertThat(answer.rejectedSpans()).isEqualTo(5);
    assertThat(answer.errorMessage()).isEqualTo("later fields");
  }

  @Test
  void malformedBodiesReadAsFullSuccess() {
    byte[] valid = response(4, "reason");
    for (int length = 1; length < valid.length; length++) {
      assertThat(OtlpPartialSuccess.parse(Arrays.copyOf(valid, length)))
          .as("truncated to %d bytes", length)
          .isEqualTo(OtlpPartialSuccess.NONE);
    }
    // A length beyond the body, a varint that never ends, a group (wire type 3), plain text.
    assertThat(OtlpPartialSuccess.parse(new byte[] {0x0A, 0x7F, 0x08, 0x01}))
        .isEqualTo(OtlpPartialSuccess.NONE);
    assertThat(OtlpPartialSuccess.parse(new byte[] {0x08, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}))
        .isEqualTo(OtlpPartialSuccess.NONE);
    assertThat(OtlpPartialSuccess.parse(new byte[] {0x0B, 0x0C}))
        .isEqualTo(OtlpPartialSuccess.NONE);
    assertThat(OtlpPartialSuccess.parse("<html>OK</html>".getBytes()))
        .isEqualTo(OtlpPartialSuccess.NONE);
  }

  @Test
  void aNegativeCountIsMalformed() {
    assertThat(OtlpPartialSuccess.parse(response(-1, "negative")))
        .isEqualTo(OtlpPartialSuccess.NONE);
  }

  @Test
  void answersAddUpAndTheLaterMessageStands() {
    OtlpPartialSuccess sum =
        new OtlpPartialSuccess(2, "first").plus(new OtlpPartialSuccess(3, "second"));
    assertThat(sum).isEqualTo(new OtlpPartialSuccess(5, "second"));
    assertThat(sum.plus(new OtlpPartialSuccess(1, "")))
        .isEqualTo(new OtlpPartialSuccess(6, "second"));
    // Counts are the endpoint's: two huge ones saturate instead of wrapping to a negative count.
    assertThat(
            new OtlpPartialSuccess(Long.MAX_VALUE, "a")
                .plus(new OtlpPartialSuccess(Long.MAX_VALUE, "b"))
                .rejectedSpans())
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void readsAtMostAKibibyteOfTheMessage() {
    OtlpPartialSuccess answer = OtlpPartialSuccess.parse(response(1, "x".repeat(100_000)));
    assertThat(answer.rejectedSpans()).isEqualTo(1);
    assertThat(answer.errorMessage()).hasSize(1024);
  }

  private static byte[] response(long rejected, String message) {
    return ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(
            ExportTracePartialSuccess.newBuilder()
                .setRejectedSpans(rejected)
                .setErrorMessage(message))
        .build()
        .toByteArray();
  }

  private static byte[] partialSuccess(long rejected, String message) {
    return ExportTracePartialSuccess.newBuilder()
        .setRejectedSpans(rejected)
        .setErrorMessage(message)
        .build()
        .toByteArray();
  }
}
