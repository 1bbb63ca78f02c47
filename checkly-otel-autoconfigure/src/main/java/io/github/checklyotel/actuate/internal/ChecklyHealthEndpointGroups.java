package io.github.checklyotel.actuate.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Keeps the Checkly health indicator out of the application's overall health, so that a Checkly
 * outage never takes the application out of a load balancer, and gives it a group of its own at
 * {@code /actuator/health/checkly}. Users who want it to count add it to a group of theirs, such as
 * {@code management.endpoint.health.group.readiness.include=readinessState,checklyExport}.
 */
public final class ChecklyHealthEndpointGroups implements HealthEndpointGroupsPostProcessor {

  private final String contributorName;

  private final String groupName;

  /**
   * Keeps the contributor named {@code contributorName} out of the overall health, and shows it in
   * a group named {@code groupName} unless a group of that name exists already.
   */
  public ChecklyHealthEndpointGroups(String contributorName, String groupName) {
    this.contributorName = contributorName;
    this.groupName = groupName;
  }

  @Override
  public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
    HealthEndpointGroup primary = groups.getPrimary();
    Map<String, HealthEndpointGroup> named = new HashMap<>();
    for (String name : groups.getNames()) {
      named.put(name, groups.get(name));
    }
    named.putIfAbsent(
        this.groupName, new DelegatingGroup(primary, this::isChecklyContributor, null));
    return HealthEndpointGroups.of(
        new DelegatingGroup(
            primary,
            (name) -> !isChecklyContributor(name) && primary.isMember(name),
            primary.getAdditionalPath()),
        named);
  }

  private boolean isChecklyContributor(String name) {
    return name.equals(this.contributorName) || name.startsWith(this.contributorName + "/");
  }

  /** A group that shows like {@code delegate} but has members of its own. */
  private record DelegatingGroup(
      HealthEndpointGroup delegate,
      Predicate<String> members,
      AdditionalHealthEndpointPath additionalPath)
      implements HealthEndpointGroup {

    @Override
    public boolean isMember(String name) {
      return this.members.test(name);
    }

    @Override
    public boolean showComponents(SecurityContext securityContext) {
      return this.delegate.showComponents(securityContext);
    }

    @Override
    public boolean showDetails(SecurityContext securityContext) {
      return this.delegate.showDetails(securityContext);
    }

    @Override
    public StatusAggregator getStatusAggregator() {
      return this.delegate.getStatusAggregator();
    }

    @Override
    public HttpCodeStatusMapper getHttpCodeStatusMapper() {
      return this.delegate.getHttpCodeStatusMapper();
    }

    @Override
    public AdditionalHealthEndpointPath getAdditionalPath() {
      return this.additionalPath;
    }
  }
}
