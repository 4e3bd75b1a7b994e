package ai.hyperion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Security review 2026-11-30, L4 and M11 (issue 8): the server.xml that ships enables no test-only
 * feature, holds no database password, keeps /metrics behind a login unless configured otherwise,
 * and serves no OpenAPI document unless an operator adds it.
 */
class ProductionServerConfigTest {

  private static Document server;

  @BeforeAll
  static void parse() throws Exception {
    server =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("src/main/liberty/config/server.xml").toFile());
  }

  private static List<String> features() {
    List<String> features = new ArrayList<>();
    NodeList nodes = server.getElementsByTagName("feature");
    for (int i = 0; i < nodes.getLength(); i++) {
      features.add(nodes.item(i).getTextContent().trim());
    }
    return features;
  }

  private static String variableDefault(String name) {
    NodeList nodes = server.getElementsByTagName("variable");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element variable = (Element) nodes.item(i);
      if (variable.getAttribute("name").equals(name)) {
        return variable.getAttribute("defaultValue");
      }
    }
    throw new AssertionError("no variable " + name);
  }

  @Test
  void noTestOnlyFeatures() {
    assertFalse(features().contains("localConnector-1.0"), features().toString());
    assertTrue(features().stream().noneMatch(f -> f.startsWith("mpOpenAPI")), "opt-in only");
  }

  @Test
  void noDefaultDatabasePassword() {
    assertEquals("", variableDefault("DB_PASSWORD"));
  }

  @Test
  void metricsNeedALoginUnlessConfiguredOtherwise() {
    Element metrics = (Element) server.getElementsByTagName("mpMetrics").item(0);
    assertEquals("${METRICS_AUTHENTICATION}", metrics.getAttribute("authentication"));
    assertEquals("true", variableDefault("METRICS_AUTHENTICATION"));
  }
}
