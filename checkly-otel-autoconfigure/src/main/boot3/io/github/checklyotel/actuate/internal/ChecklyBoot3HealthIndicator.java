package io.github.checklyotel.actuate.internal;

import io.github.checklyotel.export.ExportStatus;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@link io.github.checklyotel.actuate.internal.ChecklyHealthIndicator} for Spring Boot 3's types.
 */
public final class ChecklyBoot3HealthIndicator extends AbstractHealthIndicator {

  private final ExportStatus status;

  /** Creates an indicator that reads {@code status}. */
  public ChecklyBoot3HealthIndicator(ExportStatus status) {
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
