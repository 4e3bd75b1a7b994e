package ai.hyperion.config;

import ai.hyperion.config.DedicatedConfig.HardwareConfig;
import ai.hyperion.config.DedicatedConfig.KubernetesPlatformConfig;
import ai.hyperion.config.DedicatedConfig.LocalPlatformConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the {@code dedicated:} section: the hardware catalog and the platform settings. */
final class DedicatedConfigValidator {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern HARDWARE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  static final int MAX_GPUS_PER_NODE = 16;

  List<String> validate(DedicatedConfig config) {
    List<String> problems = new ArrayList<>();
    if (!Set.of(DedicatedConfig.LOCAL, DedicatedConfig.KUBERNETES).contains(config.platform())) {
      problems.add(
          "dedicated.platform: must be 'local' or 'kubernetes', was '" + config.platform() + "'");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < config.hardware().size(); i++) {
      hardware(problems, config.hardware().get(i), i, ids);
    }
    local(problems, config.local());
    kubernetes(problems, config.kubernetes());
    return problems;
  }

  private static void hardware(
      List<String> problems, HardwareConfig hw, int index, Set<String> ids) {
    String where = "dedicated.hardware[" + index + "]";
    if (hw == null) {
      problems.add(where + ": is empty");
      return;
    }
    if (hw.id() == null || !HARDWARE_ID.matcher(hw.id()).matches()) {
      problems.add(where + ".id: must be letters, digits, '.', '_' or '-', was '" + hw.id() + "'");
    } else {
      where = where + " (" + hw.id() + ")";
      if (!ids.add(hw.id())) {
        problems.add(where + ".id: is defined twice");
      }
    }
    if (hw.gpu() == null || hw.gpu().isBlank()) {
      problems.add(where + ".gpu: is required (the GPU kind, e.g. nvidia-h100-80gb)");
    }
    if (hw.memoryGb() == null || hw.memoryGb().isNaN() || hw.memoryGb() <= 0) {
      problems.add(where + ".memory-gb: must be a positive number (memory of one GPU)");
    }
    if (hw.gpusPerNode() == null || hw.gpusPerNode() < 1 || hw.gpusPerNode() > MAX_GPUS_PER_NODE) {
      problems.add(where + ".gpus-per-node: must be between 1 and " + MAX_GPUS_PER_NODE);
    }
    if (hw.pricePerHour() == null || hw.pricePerHour().isNaN() || hw.pricePerHour() < 0) {
      problems.add(where + ".price-per-hour: must be zero or more (USD per GPU per hour)");
    }
  }

  private static void local(List<String> problems, LocalPlatformConfig local) {
    if (local.command().stream().anyMatch(arg -> arg == null || arg.isEmpty())) {
      problems.add("dedicated.local.command: entries must not be empty");
    } else if (local.command().stream().noneMatch(arg -> arg.contains("{port}"))) {
      problems.add("dedicated.local.command: must pass {port} to the server");
    }
    if (!local.healthPath().startsWith("/")) {
      problems.add("dedicated.local.health-path: must start with '/'");
    }
    if (local.stopTimeoutSeconds() < 1) {
      problems.add("dedicated.local.stop-timeout-seconds: must be at least 1");
    }
    if (local.logLines() < 10) {
      problems.add("dedicated.local.log-lines: must be at least 10");
    }
  }

  private static void kubernetes(List<String> problems, KubernetesPlatformConfig k8s) {
    if (!DNS_LABEL.matcher(k8s.namespace()).matches()) {
      problems.add(
          "dedicated.kubernetes.namespace: must be a DNS label (lower-case letters, digits, '-'),"
              + " was '"
              + k8s.namespace()
              + "'");
    }
    if (k8s.port() < 1 || k8s.port() > 65535) {
      problems.add("dedicated.kubernetes.port: must be between 1 and 65535");
    }
    if (k8s.args().stream().anyMatch(arg -> arg == null)) {
      problems.add("dedicated.kubernetes.args: entries must not be empty");
    }
    if (k8s.weightCacheSizeGb() != null && k8s.weightCacheSizeGb() < 1) {
      problems.add("dedicated.kubernetes.weight-cache-size-gb: must be at least 1");
    }
    if (!k8s.baseUrl().startsWith("http://") && !k8s.baseUrl().startsWith("https://")) {
      problems.add("dedicated.kubernetes.base-url: must be an http(s) URL template");
    }
  }
}
