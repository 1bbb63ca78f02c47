package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.web.ChecklyTraceStateFilter;
import jakarta.servlet.Filter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

/** Auto-configuration of the servlet filter that recognises Checkly requests. */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({Filter.class, OncePerRequestFilter.class})
@ConditionalOnBooleanProperty(name = "checkly.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ChecklyProperties.class)
public final class ChecklyServletAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ChecklyTraceStateFilter checklyTraceStateFilter(ChecklyProperties properties) {
    return new ChecklyTraceStateFilter(properties.getFilter().getOrder());
  }
}
