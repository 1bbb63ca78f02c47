package io.github.checklyotel.actuate.internal;

import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.export.ExportTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds a {@code checkly} section to {@code /actuator/info}: the starter's version and where spans
 * go. It shows the endpoint's host and port only, never its headers, so never the API key.
 */
public final class ChecklyInfoContributor implements InfoContributor {

  private final ExportStatus status;

  private final String samplerDescription;

  private final String version;

  /**
   * Creates a contributor.
   *
   * @param status where spans are exported
   * @param samplerDescription the sampler in charge, as its description
   * @param version the starter's version
   */
  public ChecklyInfoContributor(ExportStatus status, String samplerDescription, String version) {
    this.status = status;
    this.samplerDescription = samplerDescription;
    this.version = version;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> checkly = new LinkedHashMap<>();
    checkly.put("version", this.version);
    checkly.put("sampler", this.samplerDescription);
    ExportTarget target = this.status.getTarget();
    if (target != null) {
      checkly.put("exporters", target.exporters());
      if (target.isOtlp()) {
        checkly.put("protocol", target.protocol());
        checkly.put("endpoint", target.endpoint());
      }
      checkly.put("serviceName", target.serviceName());
    }
    builder.withDetail("checkly", checkly);
  }
}
