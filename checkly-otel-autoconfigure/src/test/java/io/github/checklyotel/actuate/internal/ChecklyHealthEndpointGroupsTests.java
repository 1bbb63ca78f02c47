package io.github.checklyotel.actuate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

class ChecklyHealthEndpointGroupsTests {

  private final ChecklyHealthEndpointGroups postProcessor =
      new ChecklyHealthEndpointGroups("checklyExport", "checkly");

  private final TestGroup primary = new TestGroup(Set.of("db", "checklyExport", "ping"));

  private final TestGroup readiness = new TestGroup(Set.of("readinessState", "checklyExport"));

  @Test
  void overallHealthLeavesTheIndicatorOut() {
    HealthEndpointGroup overall = process().getPrimary();
    assertThat(overall.isMember("db")).isTrue();
    assertThat(overall.isMember("ping")).isTrue();
    assertThat(overall.isMember("checklyExport")).isFalse();
    assertThat(overall.isMember("checklyExport/nested")).isFalse();
    assertThat(overall.isMember("other")).isFalse();
    assertThat(overall.isMember("checklyExports")).isFalse();
    assertThat(overall.getStatusAggregator()).isSameAs(this.primary.getStatusAggregator());
    assertThat(overall.showDetails(SecurityContext.NONE)).isTrue();
  }

  @Test
  void groupsThatIncludeTheIndicatorKeepIt() {
    HealthEndpointGroups groups = process();
    assertThat(groups.get("readiness")).isSameAs(this.readiness);
    assertThat(groups.get("readiness").isMember("checklyExport")).isTrue();
  }

  @Test
  void theIndicatorGetsAGroupOfItsOwn() {
    HealthEndpointGroup checkly = process().get("checkly");
    assertThat(checkly).isNotNull();
    assertThat(checkly.isMember("checklyExport")).isTrue();
    assertThat(checkly.isMember("db")).isFalse();
    assertThat(checkly.getHttpCodeStatusMapper()).isSameAs(this.primary.getHttpCodeStatusMapper());
    assertThat(checkly.getAdditionalPath()).isNull();
  }

  @Test
  void aUserGroupOfTheSameNameWins() {
    TestGroup users = new TestGroup(Set.of("checklyExport", "db"));
    HealthEndpointGroups groups =
        this.postProcessor.postProcessHealthEndpointGroups(
            HealthEndpointGroups.of(this.primary, Map.of("checkly", users)));
    assertThat(groups.get("checkly")).isSameAs(users);
  }

  private HealthEndpointGroups process() {
    return this.postProcessor.postProcessHealthEndpointGroups(
        HealthEndpointGroups.of(this.primary, Map.of("readiness", this.readiness)));
  }

  private static final class TestGroup implements HealthEndpointGroup {

    private final Set<String> members;

    private final StatusAggregator aggregator = new SimpleStatusAggregator();

    private final HttpCodeStatusMapper mapper = new SimpleHttpCodeStatusMapper();

    TestGroup(Set<String> members) {
      this.members = members;
    }

    @Override
    public boolean isMember(String name) {
      return this.members.contains(name);
    }

    @Override
    public boolean showComponents(SecurityContext securityContext) {
      return true;
    }

    @Override
    public boolean showDetails(SecurityContext securityContext) {
      return true;
    }

    @Override
    public StatusAggregator getStatusAggregator() {
      return this.aggregator;
    }

    @Override
    public HttpCodeStatusMapper getHttpCodeStatusMapper() {
      return this.mapper;
    }

    @Override
    public AdditionalHealthEndpointPath getAdditionalPath() {
      return null;
    }
  }
}
