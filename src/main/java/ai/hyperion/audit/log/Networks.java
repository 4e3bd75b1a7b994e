package ai.hyperion.audit.log;

import java.util.Arrays;
import java.util.Locale;

/**
 * The network a client address belongs to, for "a key used from a new network": the /24 of an IPv4
 * address, the /64 of an IPv6 address (the first four groups).
 */
public final class Networks {

  private Networks() {}

  /** Null when the address is null or not an IP address. */
  public static String of(String address) {
    if (address == null || address.isBlank()) {
      return null;
    }
    String a = address.trim();
    if (a.indexOf(':') >= 0) {
      return ipv6(a);
    }
    String[] octets = a.split("\\.");
    if (octets.length != 4) {
      return null;
    }
    for (String octet : octets) {
      if (!octet.chars().allMatch(Character::isDigit) || octet.isEmpty() || octet.length() > 3) {
        return null;
      }
    }
    return octets[0] + "." + octets[1] + "." + octets[2] + ".0/24";
  }

  private static String ipv6(String address) {
    String a = address.startsWith("[") ? address.substring(1, address.indexOf(']')) : address;
    int zone = a.indexOf('%');
    if (zone >= 0) {
      a = a.substring(0, zone);
    }
    String[] groups = new String[8];
    int doubleColon = a.indexOf("::");
    String[] left = doubleColon < 0 ? a.split(":") : split(a.substring(0, doubleColon));
    String[] right = doubleColon < 0 ? new String[0] : split(a.substring(doubleColon + 2));
    if (left.length + right.length > 8) {
      return null;
    }
    Arrays.fill(groups, "0");
    for (int i = 0; i < left.length; i++) {
      groups[i] = left[i];
    }
    for (int i = 0; i < right.length; i++) {
      groups[8 - right.length + i] = right[i];
    }
    StringBuilder network = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      String g = groups[i].replaceFirst("^0+(?=.)", "").toLowerCase(Locale.ROOT);
      network.append(g).append(':');
    }
    return network.append(":/64").toString();
  }

  private static String[] split(String part) {
    return part.isEmpty() ? new String[0] : part.split(":");
  }
}
