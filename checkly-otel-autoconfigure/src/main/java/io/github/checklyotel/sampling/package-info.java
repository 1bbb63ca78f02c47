/**
 * What gets recorded: the rule that makes a request Checkly's ({@code ChecklyRequestMatcher}), the
 * sampler that acts on the boundary's decision, the cap on traces started, the memory of this
 * instance's own calls, and the settings these are built from, with their rules. Nothing here
 * depends on Spring: the Java agent extension packages it.
 */
package io.github.checklyotel.sampling;
