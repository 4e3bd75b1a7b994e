package ai.hyperion.dedicated;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.FieldError;
import ai.hyperion.admin.FieldErrors;
import ai.hyperion.config.DedicatedConfig;
import ai.hyperion.config.ModelConfig;
import ai.hyperion.dedicated.EndpointRequests.ProvisionRequest;
import ai.hyperion.dedicated.EndpointRequests.ScalingRequest;
import ai.hyperion.provider.Secret;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a provisioning request into a plan: validated fields (every problem reported at once), the
 * model's facts (hub metadata, else its name) and the hardware sizing chose. A model that fits no
 * hardware is a 400 that says how much memory it needs and what to change.
 */
public class ProvisionPlanner {

  static final Pattern MODEL_ID =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9][A-Za-z0-9._-]{0,99})?");
  static final int MAX_CONTEXT = 1 << 21;
  static final int MAX_CONCURRENCY = 1024;
  static final int MAX_ENGINE_ARGS = 64;
  static final int MAX_IDLE_SECONDS = 7 * 24 * 3600;

  /** Flags the platform sets itself: an endpoint may not move its server or rename its model. */
  static final Set<String> RESERVED_FLAGS =
      Set.of("--port", "--host", "--model", "--served-model-name");

  /** A validated, sized request. */
  public record Plan(
      String model,
      Sizing sizing,
      List<String> engineArgs,
      int minReplicas,
      int maxReplicas,
      int idleSeconds) {}

  public record Scaling(int minReplicas, int maxReplicas, int idleSeconds) {}

  private final HardwareSizer sizer;
  private final ModelMetadata metadata;
  private final List<ModelConfig> catalogModels;
  private final int defaultIdleSeconds;

  public ProvisionPlanner(
      HardwareSizer sizer,
      ModelMetadata metadata,
      List<ModelConfig> catalogModels,
      int defaultIdleSeconds) {
    this.sizer = sizer;
    this.metadata = metadata;
    this.catalogModels = List.copyOf(catalogModels);
    this.defaultIdleSeconds = defaultIdleSeconds;
  }

  public Plan plan(ProvisionRequest request, String platform) {
    FieldErrors errors = new FieldErrors();
    Optional<ModelConfig> catalogEntry = Optional.empty();
    if (request.model() == null || request.model().isBlank()) {
      errors.add(
          "model", "is required (a Hugging Face-style id such as org/name, or a catalog id)");
    } else {
      catalogEntry =
          catalogModels.stream()
              .filter(m -> m.id().equals(request.model()) || m.aliases().contains(request.model()))
              .findFirst();
      String id = catalogEntry.map(ModelConfig::upstreamModel).orElse(request.model());
      if (id == null || !MODEL_ID.matcher(id).matches()) {
        errors.add(
            "model",
            "must be a model id such as org/name: letters, digits, '.', '_', '-', one '/'");
      }
    }
    if (request.name() != null) {
      errors.name("name", request.name(), false);
    }
    if (request.orgId() != null && request.orgId().isBlank()) {
      errors.add("orgId", "must not be blank");
    }
    if (request.teamId() != null && request.teamId().isBlank()) {
      errors.add("teamId", "must not be blank");
    }
    range(errors, "contextLength", request.contextLength(), 256, MAX_CONTEXT);
    range(errors, "maxConcurrency", request.maxConcurrency(), 1, MAX_CONCURRENCY);
    Optional<Dtype> dtype = Dtype.parse(request.dtype());
    if (dtype.isEmpty()) {
      errors.add("dtype", "must be one of auto, bfloat16, float16, float32, fp8, awq, gptq");
    }
    engineArgs(errors, request.engineArgs());
    if (request.accessToken() != null
        && (request.accessToken().isBlank()
            || request.accessToken().length() > 1000
            || request.accessToken().chars().anyMatch(c -> c <= ' '))) {
      errors.add("accessToken", "must be a token of at most 1000 characters without spaces");
    }
    errors.email("notifyEmail", request.notifyEmail(), false);
    Scaling scaling = scaling(errors, request.scaling(), 0, 1, defaultIdleSeconds, platform);
    errors.throwIfAny();

    String model = catalogEntry.map(ModelConfig::upstreamModel).orElse(request.model());
    ModelFacts facts = facts(model, catalogEntry, request.accessToken());
    try {
      Sizing sizing =
          sizer.size(
              facts,
              dtype.get(),
              request.contextLength(),
              request.maxConcurrency(),
              request.hardware());
      return new Plan(
          model,
          sizing,
          request.engineArgs() == null ? List.of() : request.engineArgs(),
          scaling.minReplicas(),
          scaling.maxReplicas(),
          scaling.idleSeconds());
    } catch (SizingException e) {
      String code = e.field().equals("model") ? "model_too_large" : "invalid_field";
      throw new AdminApiException(
          400, code, e.getMessage(), List.of(new FieldError(e.field(), e.getMessage())));
    }
  }

  private ModelFacts facts(String model, Optional<ModelConfig> catalogEntry, String token) {
    Optional<ModelFacts> facts =
        metadata
            .lookup(model, token == null ? null : new Secret(token))
            .or(() -> ModelNames.guess(model));
    if (facts.isEmpty()) {
      throw new AdminApiException(
          400,
          "model_size_unknown",
          "Cannot tell the size of '"
              + model
              + "': no metadata is published for it here and its name has no size such as 8b or"
              + " 8x7b.",
          List.of(new FieldError("model", "size unknown")));
    }
    ModelFacts f = facts.get();
    Integer window = catalogEntry.map(ModelConfig::contextWindow).orElse(null);
    if (f.maxContext() == null && window != null) {
      f =
          new ModelFacts(
              f.model(),
              f.parameters(),
              f.layers(),
              f.kvHeads(),
              f.headDim(),
              window,
              f.quantization(),
              f.basis());
    }
    return f;
  }

  /** New scaling from a PATCH: absent fields keep their current value. */
  public Scaling rescale(
      ScalingRequest request, int min, int max, int idleSeconds, String platform) {
    FieldErrors errors = new FieldErrors();
    Scaling scaling = scaling(errors, request, min, max, idleSeconds, platform);
    errors.throwIfAny();
    return scaling;
  }

  public void checkName(String name) {
    new FieldErrors().name("name", name, false).throwIfAny();
  }

  private static Scaling scaling(
      FieldErrors errors,
      ScalingRequest request,
      int min,
      int max,
      int idleSeconds,
      String platform) {
    if (request == null) {
      return new Scaling(min, max, idleSeconds);
    }
    range(errors, "scaling.minReplicas", request.minReplicas(), 0, 64);
    range(errors, "scaling.maxReplicas", request.maxReplicas(), 1, 64);
    range(errors, "scaling.idleSeconds", request.idleSeconds(), 1, MAX_IDLE_SECONDS);
    int newMin = request.minReplicas() == null ? min : request.minReplicas();
    int newMax = request.maxReplicas() == null ? Math.max(max, newMin) : request.maxReplicas();
    if (newMin > newMax) {
      errors.add("scaling.minReplicas", "must not be above maxReplicas (" + newMax + ")");
    }
    if (DedicatedConfig.LOCAL.equals(platform) && newMax > 1) {
      errors.add("scaling.maxReplicas", "the local platform runs one replica per endpoint");
    }
    return new Scaling(
        newMin, newMax, request.idleSeconds() == null ? idleSeconds : request.idleSeconds());
  }

  private static void engineArgs(FieldErrors errors, List<String> args) {
    if (args == null) {
      return;
    }
    if (args.size() > MAX_ENGINE_ARGS) {
      errors.add("engineArgs", "must have at most " + MAX_ENGINE_ARGS + " entries");
      return;
    }
    for (String arg : args) {
      if (arg == null
          || arg.isEmpty()
          || arg.length() > 500
          || arg.chars().anyMatch(c -> c < ' ')) {
        errors.add("engineArgs", "entries must be 1 to 500 printable characters");
        return;
      }
      String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (RESERVED_FLAGS.contains(flag)) {
        errors.add("engineArgs", flag + " is set by the gateway and cannot be changed");
        return;
      }
    }
  }

  private static void range(FieldErrors errors, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      errors.add(field, "must be between " + min + " and " + max);
    }
  }
}
