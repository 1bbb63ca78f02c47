/**
 * What gets recorded, as API: the sampler that acts on the boundary's decision ({@code
 * ChecklySampler}), the cap on traces started ({@code ChecklyTraceLimiter}) and the memory of this
 * instance's own calls ({@code OutgoingSpans}), for a user who composes the sampler with one of
 * their own. How requests are recognised and the settings these are built from are in {@code
 * sampling.internal}. Nothing here depends on Spring: the Java agent extension packages it.
 */
package io.github.checklyotel.sampling;
