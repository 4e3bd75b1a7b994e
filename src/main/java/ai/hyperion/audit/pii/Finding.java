package ai.hyperion.audit.pii;

/** One piece of sensitive text: which detector found it and where ({@code end} exclusive). */
public record Finding(String detector, int start, int end, String value) {

  public int length() {
    return end - start;
  }
}
