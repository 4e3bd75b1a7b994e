package ai.hyperion.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rows of an append-only table (the usage ledger, the request log) written as one JDBC batch on the
 * transaction's own connection. The entity manager would register, clone and change-track every row
 * before writing it, for tables that are never read back in the same transaction: JFR put that
 * bookkeeping at about a third of the writers' time under load.
 *
 * @param <T> the row type; each column reads its value from a row
 */
public final class BatchInsert<T> {

  /** One column: its name, its JDBC type (for nulls) and how a row gives its value. */
  private record Column<T>(String name, int sqlType, Function<T, Object> value) {}

  private final String table;
  private final List<Column<T>> columns = new ArrayList<>();

  private BatchInsert(String table) {
    this.table = table;
  }

  public static <T> BatchInsert<T> into(String table) {
    return new BatchInsert<>(table);
  }

  /**
   * Adds a column; {@code sqlType} is a {@link java.sql.Types} constant, used for nulls. A value
   * must be of a type JDBC maps itself (String, the boxed numbers, Boolean, BigDecimal, {@link
   * java.sql.Timestamp}, {@link java.sql.Date}).
   */
  public BatchInsert<T> column(String name, int sqlType, Function<T, Object> value) {
    columns.add(new Column<>(name, sqlType, value));
    return this;
  }

  /** The columns written, in the order they were added. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** The INSERT statement, its columns in the order they were added. */
  public String sql() {
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columnNames())
        + ") VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
        + ")";
  }

  /**
   * Inserts {@code rows} in the transaction {@code em} is in; a refused batch (a duplicate key, a
   * value too long) throws, so the transaction rolls back whole.
   */
  public int insert(EntityManager em, Collection<? extends T> rows) {
    if (rows.isEmpty()) {
      return 0;
    }
    Connection connection = em.unwrap(Connection.class);
    try (PreparedStatement insert = connection.prepareStatement(sql())) {
      for (T row : rows) {
        for (int i = 0; i < columns.size(); i++) {
          Column<T> column = columns.get(i);
          Object value = column.value().apply(row);
          if (value == null) {
            insert.setNull(i + 1, column.sqlType());
          } else {
            // Typed by the value itself: a target type would set a BigDecimal's scale to zero.
            insert.setObject(i + 1, value);
          }
        }
        insert.addBatch();
      }
      insert.executeBatch();
      return rows.size();
    } catch (SQLException e) {
      throw new PersistenceException("Could not insert " + rows.size() + " rows into " + table, e);
    }
  }
}
