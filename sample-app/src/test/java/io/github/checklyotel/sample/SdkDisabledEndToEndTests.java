package io.github.checklyotel.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * {@code OTEL_SDK_DISABLED=true}: OpenTelemetry builds no SDK, and the starter does not claim on.
 */
@TestPropertySource(properties = "otel.sdk.disabled=true")
class SdkDisabledEndToEndTests extends AbstractNothingRecordedEndToEndTests {

  @Override
  String startupLine() {
    return "Checkly tracing is off: the OpenTelemetry SDK is disabled";
  }
}
