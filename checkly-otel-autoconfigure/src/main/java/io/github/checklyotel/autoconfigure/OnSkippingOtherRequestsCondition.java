package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.sampling.ChecklySampler;
import org.springframework.boot.autoconfigure.condition.AllNestedConditions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/** The condition behind {@link ConditionalOnSkippingOtherRequests}. */
class OnSkippingOtherRequestsCondition extends AllNestedConditions {

  OnSkippingOtherRequestsCondition() {
    super(ConfigurationPhase.REGISTER_BEAN);
  }

  @ConditionalOnBean(ChecklySampler.class)
  static class ChecklySamplerInCharge {}

  @ConditionalOnBooleanProperty(
      name = "checkly.web.instrument-other-requests",
      havingValue = false,
      matchIfMissing = true)
  static class OtherRequestsNotInstrumented {}
}
