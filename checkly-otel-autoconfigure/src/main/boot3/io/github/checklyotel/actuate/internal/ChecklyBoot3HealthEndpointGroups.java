package io.github.checklyotel.actuate.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;

/**
 * {@link io.github.checklyotel.actuate.internal.ChecklyHealthEndpointGroups} for Spring Boot 3's
 * types, which have the same shape in another package.
 */
public final class ChecklyBoot3HealthEndpointGroups implements HealthEndpointGroupsPostProcessor {

  private final String contributorName;

  private final String groupName;

  /**
   * Keeps the contributor named {@code contributorName} out of the overall health, and shows it in
   * a group named {@code groupName} unless a group of that name exists already.
   */
  public ChecklyBoot3HealthEndpointGroups(String contributorName, String groupName) {
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
    Predicate<String> checkly =
        (name) -> name.equals(this.contributorName) || name.startsWith(this.contributorName + "/");
    named.putIfAbsent(this.groupName, new DelegatingGroup(primary, checkly, null));
    return HealthEndpointGroups.of(
        new DelegatingGroup(
            primary, checkly.negate().and(primary::isMember), primary.getAdditionalPath()),
        named);
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
