package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.actuate.internal.ChecklyBoot3HealthEndpointGroups;
import io.github.checklyotel.actuate.internal.ChecklyBoot3HealthIndicator;
import io.github.checklyotel.export.ExportStatus;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link ChecklyHealthAutoConfiguration} for Spring Boot 3, whose health types live in Actuator's
 * own packages. Compiled against Spring Boot 3's Actuator, and loaded only where it is present.
 */
@AutoConfiguration(
    after = ChecklyTracingAutoConfiguration.class,
    beforeName = SpringBootAutoConfigurations.BOOT3_HEALTH_CONTRIBUTOR)
@ConditionalOnClass(
    name = {
      "org.springframework.boot.actuate.health.HealthIndicator",
      "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator"
    })
@ConditionalOnBean(ExportStatus.class)
@ConditionalOnEnabledHealthIndicator("checkly")
public final class ChecklyBoot3HealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "checklyExportHealthIndicator")
  ChecklyBoot3HealthIndicator checklyExportHealthIndicator(ExportStatus exportStatus) {
    return new ChecklyBoot3HealthIndicator(exportStatus);
  }

  @Bean
  @ConditionalOnMissingBean
  ChecklyBoot3HealthEndpointGroups checklyBoot3HealthEndpointGroups() {
    return new ChecklyBoot3HealthEndpointGroups(
        ChecklyHealthAutoConfiguration.CONTRIBUTOR_NAME, ChecklyHealthAutoConfiguration.GROUP_NAME);
  }
}
