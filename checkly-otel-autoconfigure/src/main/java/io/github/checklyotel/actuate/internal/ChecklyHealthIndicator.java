package io.github.checklyotel.actuate.internal;

import io.github.checklyotel.export.ExportStatus;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether spans reach the Checkly endpoint: {@code UP} after a successful export, {@code
 * DOWN} while exports fail (a rejected API key says so), {@code UNKNOWN} before the first export.
 */
public final class ChecklyHealthIndicator extends AbstractHealthIndicator {

  private final ExportStatus status;

  /** Creates an indicator that reads {@code status}. */
  public ChecklyHealthIndicator(ExportStatus status) {
    super("Checkly export health check failed");
    this.status = status;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    ChecklyExportHealth health = ChecklyExportHealth.of(this.status);
    switch (health.state()) {
      case UP -> builder.up();
      case DOWN -> builder.down();
      case UNKNOWN -> builder.unknown();
    }
    builder.withDetails(health.details());
  }
}
