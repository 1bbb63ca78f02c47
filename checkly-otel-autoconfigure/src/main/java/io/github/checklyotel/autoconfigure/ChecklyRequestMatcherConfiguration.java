package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.web.ChecklyRequestMatcher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/** The {@link ChecklyRequestMatcher} that the servlet and the reactive side share. */
@Configuration(proxyBeanMethods = false)
class ChecklyRequestMatcherConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ChecklyRequestMatcher checklyRequestMatcher(ChecklyProperties properties) {
    ChecklyProperties.Origin origin = properties.getOrigin();
    if (!StringUtils.hasLength(origin.getSecret())) {
      return ChecklyRequestMatcher.tracestateOnly();
    }
    if (!StringUtils.hasText(origin.getHeaderName())) {
      throw new InvalidConfigurationPropertyValueException(
          "checkly.origin.header-name",
          origin.getHeaderName(),
          "A header name is needed when checkly.origin.secret is set.");
    }
    return ChecklyRequestMatcher.withOriginSecret(origin.getHeaderName(), origin.getSecret());
  }
}
