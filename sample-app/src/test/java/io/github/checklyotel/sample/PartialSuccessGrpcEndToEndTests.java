package io.github.checklyotel.sample;

import io.github.checklyotel.test.otlp.WithOtlpReceiver;
import io.github.checklyotel.test.otlp.WithOtlpReceiver.Transport;

/** {@link AbstractPartialSuccessEndToEndTests} over OTLP/gRPC. */
@WithOtlpReceiver(Transport.GRPC)
class PartialSuccessGrpcEndToEndTests extends AbstractPartialSuccessEndToEndTests {}
