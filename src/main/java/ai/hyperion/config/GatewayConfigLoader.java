package ai.hyperion.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads gateway.yaml: parse, resolve {@code ${NAME}} / {@code ${NAME:-default}} references in
 * string values (from MicroProfile Config: system properties, environment, ...), bind to records
 * with unknown keys rejected, then validate.
 */
public final class GatewayConfigLoader {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::-([^}]*))?}");
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final Function<String, Optional<String>> lookup;

  public GatewayConfigLoader(Function<String, Optional<String>> lookup) {
    this.lookup = lookup;
  }

  /** Loads from a file path, or the default gateway.yaml shipped in the WAR when none is given. */
  public GatewayConfig load(Optional<String> path) {
    if (path.isPresent() && !path.get().isBlank()) {
      Path file = Path.of(path.get());
      try (InputStream in = Files.newInputStream(file)) {
        return load(in, file.toAbsolutePath().toString());
      } catch (IOException e) {
        throw new ConfigException(
            "Cannot read gateway configuration " + file.toAbsolutePath() + ": " + e.getMessage(),
            e);
      }
    }
    try (InputStream in = GatewayConfigLoader.class.getResourceAsStream("/gateway.yaml")) {
      if (in == null) {
        throw new ConfigException(
            "The default gateway.yaml is missing from the application.", (Throwable) null);
      }
      return load(in, "(built-in gateway.yaml)");
    } catch (IOException e) {
      throw new ConfigException("Cannot read the built-in gateway.yaml: " + e.getMessage(), e);
    }
  }

  public GatewayConfig load(InputStream in, String source) {
    GatewayConfig config;
    try {
      JsonNode tree = YAML.readTree(in);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        tree = YAML.createObjectNode();
      }
      config = YAML.treeToValue(resolve(tree), GatewayConfig.class);
    } catch (IOException e) {
      throw new ConfigException(
          "Invalid gateway configuration " + source + ": " + e.getMessage(), e);
    }
    var problems = new GatewayConfigValidator().validate(config);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return config;
  }

  private JsonNode resolve(JsonNode node) {
    if (node.isTextual()) {
      return new TextNode(interpolate(node.asText()));
    }
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        field.setValue(resolve(field.getValue()));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, resolve(array.get(i)));
      }
    }
    return node;
  }

  String interpolate(String text) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = lookup.apply(m.group(1)).orElse(m.group(2) == null ? "" : m.group(2));
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
