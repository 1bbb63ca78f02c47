/**
 * JMH benchmarks of the work done on every span or request: the sampling decision and the scan of
 * {@code tracestate}. Benchmarks of package-private code sit in that code's own packages ({@code
 * autoconfigure}, {@code web}), whose package documentation is the starter's.
 */
package io.github.checklyotel.benchmarks;
