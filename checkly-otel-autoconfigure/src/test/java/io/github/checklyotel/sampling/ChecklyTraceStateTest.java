package io.github.checklyotel.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecklyTraceStateTest {

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
        "Invalid Key=@@,checkly=true",
        "=,checkly=true,=",
        "a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9,j=10,k=11,l=12,m=13,n=14,o=15,p=16,"
            + "q=17,r=18,s=19,t=20,u=21,v=22,w=23,x=24,y=25,z=26,aa=27,bb=28,cc=29,dd=30,"
            + "ee=31,checkly=true",
        "checkly=false,checkly=true",
      })
  void recognisesTheChecklyMember(String line) {
    assertThat(ChecklyTraceState.containsChecklyMember(line)).isTrue();
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
      })
  void rejectsAnythingElse(String line) {
    assertThat(ChecklyTraceState.containsChecklyMember(line)).isFalse();
  }

  @Test
  void nullLineHasNoMember() {
    assertThat(ChecklyTraceState.containsChecklyMember(null)).isFalse();
  }

  @Test
  void findsTheMemberAtTheEndOfAHugeLine() {
    String huge = "x=y,".repeat(100_000) + "checkly=true";
    assertThat(ChecklyTraceState.containsChecklyMember(huge)).isTrue();
    assertThat(ChecklyTraceState.containsChecklyMember(huge.substring(0, huge.length() - 1)))
        .isFalse();
  }

  @Test
  void addsTheMemberOnlyWhenMissing() {
    TraceState empty = TraceState.getDefault();
    TraceState marked = ChecklyTraceState.withChecklyMember(empty);
    assertThat(marked.asMap()).containsExactly(entry("checkly", "true"));
    assertThat(ChecklyTraceState.withChecklyMember(marked)).isSameAs(marked);

    TraceState foreign = TraceState.builder().put("vendor", "abc").put("checkly", "false").build();
    TraceState corrected = ChecklyTraceState.withChecklyMember(foreign);
    assertThat(corrected.get("checkly")).isEqualTo("true");
    assertThat(corrected.get("vendor")).isEqualTo("abc");
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

  private static java.util.Map.Entry<String, String> entry(String key, String value) {
    return java.util.Map.entry(key, value);
  }
}
