package io.github.checklyotel.propagation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.TraceState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecklyTraceStateTests {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "checkly=true",
        " checkly=true",
        "checkly=true ",
        "\tcheckly=true\t",
        "checkly=true,",
        ",checkly=true",
        ",,checkly=true,,",
        "foo=bar,checkly=true",
        "checkly=true,foo=bar",
        "foo=bar , checkly=true , baz=qux",
        "a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9,j=10,k=11,l=12,m=13,n=14,o=15,p=16,"
            + "q=17,r=18,s=19,t=20,u=21,v=22,w=23,x=24,y=25,z=26,aa=27,bb=28,cc=29,dd=30,"
            + "ee=31,checkly=true",
        "checkly=true,checkly=false",
        "vendor@tenant=x,checkly=true",
        "foo@=1,foo@@bar=2,foo@bar@baz=3,checkly=true",
      })
  void recognisesTheChecklyMember(String line) {
    assertThat(has(line)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        ",",
        ",,, ,\t,",
        "checkly",
        "checkly=",
        "=true",
        "checkly=false",
        "checkly=True",
        "checkly=TRUE",
        "Checkly=true",
        "CHECKLY=TRUE",
        "checkly =true",
        "checkly= true",
        "checkly = true",
        "checkly=truex",
        "checkly=true=",
        "checkly=true;x",
        "xcheckly=true",
        "checkly2=true",
        "vendor@checkly=true",
        "checkly@vendor=true",
        "foo=checkly=true",
        "foo=bar checkly=true",
        "checkly=tru,e",
        "checkly\u00a0=true",
        "checkly=true\u00a0",
        "\u00a0checkly=true",
        "checkly=true\r",
        "\ncheckly=true",
        "ch\u0435ckly=true",
        "checkly=false,checkly=true",
        // A header that breaks the grammar anywhere is discarded whole: no mark in it counts.
        "Invalid Key=@@,checkly=true",
        "=,checkly=true,=",
        "checkly=tru\u00e9,checkly=true",
        "checkly=true,foo=",
        "checkly=true,foo=bar=baz",
        "@foo=1,checkly=true",
        "a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9,j=10,k=11,l=12,m=13,n=14,o=15,p=16,"
            + "q=17,r=18,s=19,t=20,u=21,v=22,w=23,x=24,y=25,z=26,aa=27,bb=28,cc=29,dd=30,"
            + "ee=31,ff=32,checkly=true",
        "checkly=true,a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9,j=10,k=11,l=12,m=13,n=14,o=15,"
            + "p=16,q=17,r=18,s=19,t=20,u=21,v=22,w=23,x=24,y=25,z=26,aa=27,bb=28,cc=29,dd=30,"
            + "ee=31,ff=32",
      })
  void rejectsAnythingElse(String line) {
    assertThat(has(line)).isFalse();
  }

  @Test
  void nullLineHasNoMember() {
    assertThat(has(null)).isFalse();
  }

  @Test
  void aHugeHeaderHasTooManyMembersToCarryTheMark() {
    String huge = "x=y,".repeat(100_000) + "checkly=true";
    assertThat(has(huge)).isFalse();
    assertThat(has("checkly=true," + huge)).isFalse();
    // Empty members do not count towards the 32.
    assertThat(has(",".repeat(100_000) + "checkly=true")).isTrue();
  }

  @Test
  void readsEveryHeaderLineAsOneList() {
    assertThat(ChecklyTraceState.hasChecklyMember(List.of("a=1", "b=2", "checkly=true").iterator()))
        .isTrue();
    assertThat(
            ChecklyTraceState.hasChecklyMember(List.of("checkly=false", "checkly=true").iterator()))
        .isFalse();
    List<String> thirtyThree = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      thirtyThree.add("k" + i + "=v");
    }
    thirtyThree.add(16, "checkly=true");
    assertThat(ChecklyTraceState.hasChecklyMember(thirtyThree.iterator())).isFalse();
    thirtyThree.remove(0);
    assertThat(ChecklyTraceState.hasChecklyMember(thirtyThree.iterator())).isTrue();
  }

  @Test
  void addsTheMemberOnlyWhenMissing() {
    TraceState empty = TraceState.getDefault();
    TraceState marked = ChecklyTraceState.withChecklyMember(empty);
    assertThat(marked.asMap()).containsExactly(entry("checkly", "true"));
    assertThat(ChecklyTraceState.withChecklyMember(marked)).isSameAs(marked);

    TraceState foreign = W3CTraceState.parse("vendor=abc,checkly=false");
    TraceState corrected = ChecklyTraceState.withChecklyMember(foreign);
    assertThat(corrected.asMap()).containsExactly(entry("checkly", "true"), entry("vendor", "abc"));
  }

  @Test
  void takesTheMarkOutOfATraceStateAndLeavesTheRest() {
    TraceState marked = W3CTraceState.parse("a=1,checkly=true,b=2");
    assertThat(ChecklyTraceState.withoutChecklyMember(marked).asMap())
        .containsExactly(entry("a", "1"), entry("b", "2"));
    TraceState unmarked = W3CTraceState.parse("a=1");
    assertThat(ChecklyTraceState.withoutChecklyMember(unmarked)).isSameAs(unmarked);
  }

  @Test
  void readsParsedTraceState() {
    assertThat(ChecklyTraceState.isChecklyTraceState(TraceState.getDefault())).isFalse();
    assertThat(
            ChecklyTraceState.isChecklyTraceState(
                TraceState.builder().put("checkly", "true").build()))
        .isTrue();
    assertThat(
            ChecklyTraceState.isChecklyTraceState(
                TraceState.builder().put("checkly", "yes").build()))
        .isFalse();
  }

  private static boolean has(String line) {
    return ChecklyTraceState.hasChecklyMember(
        line == null ? null : Collections.singletonList(line).iterator());
  }

  private static java.util.Map.Entry<String, String> entry(String key, String value) {
    return java.util.Map.entry(key, value);
  }
}
