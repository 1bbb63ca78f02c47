package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.actuate.internal.ChecklyHealthEndpointGroups;
import io.github.checklyotel.actuate.internal.ChecklyHealthIndicator;
import io.github.checklyotel.export.ExportStatus;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code checkly} health indicator on Spring Boot 4, which keeps out of
 * the overall health unless a health group includes it.
 */
@AutoConfiguration(
    after = ChecklyTracingAutoConfiguration.class,
    beforeName = SpringBootAutoConfigurations.HEALTH_CONTRIBUTOR)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ExportStatus.class)
@ConditionalOnEnabledHealthIndicator("checkly")
public final class ChecklyHealthAutoConfiguration {

  /** The health contributor's name, which Spring Boot derives from the bean's. */
  static final String CONTRIBUTOR_NAME = "checklyExport";

  /** The name of the group that shows the contributor alone. */
  static final String GROUP_NAME = "checkly";

  @Bean
  @ConditionalOnMissingBean(name = "checklyExportHealthIndicator")
  ChecklyHealthIndicator checklyExportHealthIndicator(ExportStatus exportStatus) {
    return new ChecklyHealthIndicator(exportStatus);
  }

  @Bean
  @ConditionalOnMissingBean
  ChecklyHealthEndpointGroups checklyHealthEndpointGroups() {
    return new ChecklyHealthEndpointGroups(CONTRIBUTOR_NAME, GROUP_NAME);
  }
}
