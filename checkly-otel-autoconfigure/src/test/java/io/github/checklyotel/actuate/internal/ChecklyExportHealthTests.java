package io.github.checklyotel.actuate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.actuate.internal.ChecklyExportHealth.State;
import io.github.checklyotel.export.ExportFailureKind;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.export.ExportTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecklyExportHealthTests {

  private final ExportStatus status = new ExportStatus();

  @Test
  void unknownBeforeTheFirstExport() {
    ChecklyExportHealth health = ChecklyExportHealth.of(this.status);
    assertThat(health.state()).isEqualTo(State.UNKNOWN);
    assertThat(health.details()).containsEntry("message", "No spans exported yet");
  }

  @Test
  void unknownWhenSpansAreOnlyLogged() {
    this.status.setTarget(new ExportTarget(List.of("checkly-log"), null, null, "orders"));
    ChecklyExportHealth health = ChecklyExportHealth.of(this.status);
    assertThat(health.state()).isEqualTo(State.UNKNOWN);
    assertThat(health.details())
        .containsEntry("exporters", "checkly-log")
        .doesNotContainKey("endpoint");
  }

  @Test
  void upAfterASuccessfulExport() {
    this.status.setTarget(
        new ExportTarget(
            List.of("otlp"), "http/protobuf", "otel.eu-west-1.checklyhq.com", "orders"));
    this.status.recordSuccess(3);
    ChecklyExportHealth health = ChecklyExportHealth.of(this.status);
    assertThat(health.state()).isEqualTo(State.UP);
    assertThat(health.details())
        .containsEntry("endpoint", "otel.eu-west-1.checklyhq.com")
        .containsEntry("protocol", "http/protobuf")
        .containsEntry("spansExported", 3L)
        .containsEntry("consecutiveFailures", 0)
        .containsKey("lastSuccess")
        .doesNotContainKey("error");
  }

  @Test
  void downWithTheKindWhileExportsFail() {
    this.status.recordSuccess(1);
    this.status.recordFailure(2, ExportFailureKind.UNREACHABLE);
    this.status.recordFailure(2, ExportFailureKind.UNREACHABLE);
    ChecklyExportHealth health = ChecklyExportHealth.of(this.status);
    assertThat(health.state()).isEqualTo(State.DOWN);
    assertThat(health.details())
        .containsEntry("error", "UNREACHABLE")
        .containsEntry("consecutiveFailures", 2)
        .containsEntry("spansFailed", 4L)
        .containsKey("lastSuccess");
    assertThat((String) health.details().get("message")).startsWith("The endpoint did not answer");
  }

  @Test
  void rejectedKeySaysSo() {
    this.status.recordFailure(1, ExportFailureKind.UNAUTHORIZED);
    ChecklyExportHealth health = ChecklyExportHealth.of(this.status);
    assertThat(health.state()).isEqualTo(State.DOWN);
    assertThat((String) health.details().get("message"))
        .startsWith("API key rejected: ")
        .contains("authorization=<your Checkly API key>");
  }

  @Test
  void downWhileTheEndpointRejectsSomeSpans() {
    this.status.recordSuccess(3);
    assertThat(this.status.recordPartialSuccess(3, 2)).isNull();
    assertThat(this.status.recordPartialSuccess(0, 4))
        .isEqualTo(ExportFailureKind.PARTIALLY_REJECTED);
    ChecklyExportHealth health = ChecklyExportHealth.of(this.status);
    assertThat(health.state()).isEqualTo(State.DOWN);
    assertThat(health.details())
        .containsEntry("error", "PARTIALLY_REJECTED")
        .containsEntry("spansExported", 6L)
        .containsEntry("spansFailed", 6L)
        .containsEntry("consecutiveFailures", 2);
    assertThat((String) health.details().get("message")).startsWith("The endpoint accepted");
    this.status.recordSuccess(1);
    assertThat(ChecklyExportHealth.of(this.status).state()).isEqualTo(State.UP);
  }

  @Test
  void upAgainAfterRecovery() {
    this.status.recordFailure(1, ExportFailureKind.UNAUTHORIZED);
    this.status.recordSuccess(1);
    assertThat(ChecklyExportHealth.of(this.status).state()).isEqualTo(State.UP);
  }
}
