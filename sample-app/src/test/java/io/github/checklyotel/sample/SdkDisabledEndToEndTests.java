package io.github.checklyotel.sample;

/**
 * {@code OTEL_SDK_DISABLED=true}: OpenTelemetry builds no SDK, and the starter does not claim on.
 */
class SdkDisabledEndToEndTests extends AbstractNothingRecordedEndToEndTests {

  @Override
  String offSwitch() {
    return "--otel.sdk.disabled=true";
  }

  @Override
  String startupLine() {
    return "Checkly tracing is off: the OpenTelemetry SDK is disabled";
  }
}
