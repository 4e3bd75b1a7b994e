package ai.hyperion.persistence;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Set;
import java.util.TreeSet;

/** A set of names stored as a sorted JSON array in one text column. */
@Converter
public class StringSetConverter implements AttributeConverter<Set<String>, String> {

  private static final TypeReference<TreeSet<String>> TYPE = new TypeReference<>() {};

  @Override
  public String convertToDatabaseColumn(Set<String> names) {
    try {
      return Json.MAPPER.writeValueAsString(names == null ? Set.of() : new TreeSet<>(names));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A set of strings always serialises", e);
    }
  }

  @Override
  public Set<String> convertToEntityAttribute(String column) {
    if (column == null || column.isBlank()) {
      return new TreeSet<>();
    }
    try {
      return Json.MAPPER.readValue(column, TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Corrupt JSON list in the tenancy tables", e);
    }
  }
}
