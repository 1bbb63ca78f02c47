package io.github.checklyotel.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when requests that are not Checkly's skip OpenTelemetry's server instrumentation: the
 * rule both web stacks follow. Only while the Checkly sampler is in charge (another sampler may
 * keep those requests) and unless {@code checkly.web.instrument-other-requests} asks for them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnSkippingOtherRequestsCondition.class)
@interface ConditionalOnSkippingOtherRequests {}
