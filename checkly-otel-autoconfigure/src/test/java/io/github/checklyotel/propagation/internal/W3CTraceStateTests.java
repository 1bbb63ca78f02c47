package io.github.checklyotel.propagation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.opentelemetry.api.trace.TraceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class W3CTraceStateTests {

  @Test
  void addsAtTheLeftAndMovesAnUpdatedKeyThere() {
    W3CTraceState state = W3CTraceState.parse("a=1,b=2,c=3");
    assertThat(state.withLeftmost("d", "4").encode()).isEqualTo("d=4,a=1,b=2,c=3");
    assertThat(state.withLeftmost("b", "9").encode()).isEqualTo("b=9,a=1,c=3");
    // A header as read is written anew by a service that takes part: one member per key, no spaces.
    W3CTraceState taking = W3CTraceState.parse(" a=1 ,b=2,a=7\t");
    // As read, but for the optional whitespace at the line's ends, which no field value may carry.
    assertThat(taking.encode()).isEqualTo("a=1 ,b=2,a=7");
    assertThat(taking.withLeftmost("a", "1").encode()).isEqualTo("a=1,b=2");
    W3CTraceState built = state.withLeftmost("d", "4");
    assertThat(built.withLeftmost("d", "4")).isSameAs(built);
  }

  @Test
  void evictsTheRightMostMemberWhenFull() {
    StringBuilder header = new StringBuilder("k0=v");
    for (int i = 1; i < 32; i++) {
      header.append(",k").append(i).append("=v");
    }
    W3CTraceState full = W3CTraceState.parse(header.toString());
    W3CTraceState added = full.withLeftmost("checkly", "true");
    assertThat(added.size()).isEqualTo(32);
    assertThat(added.asMap().keySet()).startsWith("checkly", "k0").doesNotContain("k31");
    // Updating a member that is already there evicts nothing.
    assertThat(full.withLeftmost("k31", "w").asMap().keySet()).startsWith("k31", "k0").hasSize(32);
  }

  @Test
  void refusesMembersTheGrammarRejects() {
    W3CTraceState state = W3CTraceState.empty();
    assertThatIllegalArgumentException().isThrownBy(() -> state.withLeftmost("Key", "1"));
    assertThatIllegalArgumentException().isThrownBy(() -> state.withLeftmost("k", "a,b"));
    assertThatIllegalArgumentException().isThrownBy(() -> state.withLeftmost("k", "trailing "));
    // Through OpenTelemetry's builder interface they are ignored, as its contract says.
    TraceState built = state.toBuilder().put("Key", "1").put("k", "1").remove("missing").build();
    assertThat(built.asMap()).containsExactly(Map.entry("k", "1"));
  }

  @Test
  void copiesAnyTraceStateInItsOrderKeepingValidMembersOnly() {
    TraceState openTelemetrys = TraceState.builder().put("b", "2").put("a", "1").build();
    W3CTraceState copy = W3CTraceState.copyOf(openTelemetrys);
    assertThat(copy.encode()).isEqualTo("a=1,b=2");
    assertThat(W3CTraceState.copyOf(copy)).isSameAs(copy);
    assertThat(W3CTraceState.copyOf(TraceState.getDefault())).isSameAs(W3CTraceState.empty());
  }

  @Test
  void removesAMemberAndKeepsTheOrderOfTheRest() {
    W3CTraceState state = W3CTraceState.parse("a=1,b=2,c=3");
    assertThat(state.without("b").encode()).isEqualTo("a=1,c=3");
    assertThat(state.without("x")).isSameAs(state);
    assertThat(W3CTraceState.parse("a=1").without("a")).isSameAs(W3CTraceState.empty());
  }

  @Test
  void isAValueWithEqualityByMembersInOrder() {
    assertThat(W3CTraceState.parse("a=1, b=2")).isEqualTo(W3CTraceState.parse("a=1,b=2"));
    assertThat(W3CTraceState.parse("a=1,b=2")).isNotEqualTo(W3CTraceState.parse("b=2,a=1"));
    assertThat(W3CTraceState.parse("a=1,b=2"))
        .hasSameHashCodeAs(W3CTraceState.parse("a=1,,b=2"))
        .hasToString("W3CTraceState{a=1,b=2}");
    assertThat(W3CTraceState.parse((String) null).isEmpty()).isTrue();
    assertThat(W3CTraceState.empty().encode()).isEmpty();
  }

  @Test
  void keepsTheLinesOfARequestItHasNotReadYet() {
    // A container recycles a request's headers once it ends; the lines must be copied at once.
    List<String> headerLines = new ArrayList<>(List.of("rojo=1", " checkly=true,congo=2"));
    W3CTraceState state = W3CTraceState.parse(headerLines.iterator());
    headerLines.clear();
    assertThat(state.hasMember("checkly", "true")).isTrue();
    assertThat(state.hasMember("rojo", "2")).isFalse();
    assertThat(state.encode()).isEqualTo("rojo=1,checkly=true,congo=2");
    assertThat(state.get("congo")).isEqualTo("2");
    assertThat(state.hasMember("checkly", "true")).isTrue();
  }

  @Test
  void readsAnInvalidHeaderAsEmptyHoweverItIsFirstAsked() {
    String[] invalid = {"checkly=true,Not A Key=1", "a=1,,b=2,=3"};
    for (String header : invalid) {
      assertThat(W3CTraceState.parse(header).hasMember("checkly", "true")).as(header).isFalse();
      assertThat(W3CTraceState.parse(header).isEmpty()).as(header).isTrue();
      assertThat(W3CTraceState.parse(header).encode()).as(header).isEmpty();
      assertThat(W3CTraceState.parse(header)).as(header).isEqualTo(W3CTraceState.empty());
    }
  }
}
