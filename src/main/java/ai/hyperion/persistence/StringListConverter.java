package ai.hyperion.persistence;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.List;

/** An ordered list of strings stored as a JSON array in one text column. */
@Converter
public class StringListConverter implements AttributeConverter<List<String>, String> {

  private static final TypeReference<ArrayList<String>> TYPE = new TypeReference<>() {};

  @Override
  public String convertToDatabaseColumn(List<String> values) {
    try {
      return Json.MAPPER.writeValueAsString(values == null ? List.of() : values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A list of strings always serialises", e);
    }
  }

  @Override
  public List<String> convertToEntityAttribute(String column) {
    if (column == null || column.isBlank()) {
      return new ArrayList<>();
    }
    try {
      return Json.MAPPER.readValue(column, TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Corrupt JSON list in the database", e);
    }
  }
}
