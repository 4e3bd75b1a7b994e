package ai.hyperion.admin;

import java.util.List;
import java.util.function.Function;

/** One page of an admin listing. */
public record Page<T>(List<T> data, long total, int offset, int limit, boolean hasMore) {

  public static <T> Page<T> of(List<T> data, long total, PageRequest request) {
    return new Page<>(
        List.copyOf(data),
        total,
        request.offset(),
        request.limit(),
        request.offset() + data.size() < total);
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(data.stream().map(mapper).toList(), total, offset, limit, hasMore);
  }
}
