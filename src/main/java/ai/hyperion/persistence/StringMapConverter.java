package ai.hyperion.persistence;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Map;
import java.util.TreeMap;

/** A string map (metadata) stored as a JSON object in one text column. */
@Converter
public class StringMapConverter implements AttributeConverter<Map<String, String>, String> {

  private static final TypeReference<TreeMap<String, String>> TYPE = new TypeReference<>() {};

  @Override
  public String convertToDatabaseColumn(Map<String, String> map) {
    try {
      return Json.MAPPER.writeValueAsString(map == null ? Map.of() : new TreeMap<>(map));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A map of strings always serialises", e);
    }
  }

  @Override
  public Map<String, String> convertToEntityAttribute(String column) {
    if (column == null || column.isBlank()) {
      return new TreeMap<>();
    }
    try {
      return Json.MAPPER.readValue(column, TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Corrupt JSON map in the tenancy tables", e);
    }
  }
}
