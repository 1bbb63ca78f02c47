/**
 * The sample application: a small order API that uses the Checkly starter the way a user's service
 * would, with a database read and a real HTTP hop per request, and the {@code otel-always-on}
 * profile that the benchmarks compare against.
 */
package io.github.checklyotel.sample;
