package org.segfill.server.http;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} names the server answers to: loopback names, the bind address and the
 * configured extra names; when bound to every interface, also every local interface address.
 * Anything else is a DNS-rebinding attempt (a foreign name resolving to us) and is refused.
 */
public final class HostAllowlist {

  private final Set<String> names;

  private HostAllowlist(Set<String> names) {
    this.names = Set.copyOf(names);
  }

  /** The allowlist for a server bound to {@code bind} with {@code extra} names. */
  public static HostAllowlist of(String bind, List<String> extra) {
    Set<String> names = new HashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    names.add(normalise(bind));
    extra.forEach(h -> names.add(normalise(h)));
    if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
      names.addAll(interfaceAddresses());
    }
    return new HostAllowlist(names);
  }

  /** Whether a {@code Host} header value (name or address, optional port) is allowed. */
  public boolean allows(String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return false;
    }
    return names.contains(normalise(hostOf(hostHeader.trim())));
  }

  /** The host part of {@code host[:port]} or {@code [v6][:port]}. */
  static String hostOf(String authority) {
    if (authority.startsWith("[")) {
      int end = authority.indexOf(']');
      return end < 0 ? authority : authority.substring(1, end);
    }
    int colon = authority.indexOf(':');
    // A bare IPv6 address has several colons and no port.
    return colon >= 0 && authority.indexOf(':', colon + 1) < 0
        ? authority.substring(0, colon) : authority;
  }

  /** The port of {@code host[:port]} or {@code [v6][:port]}, or {@code dflt} without one. */
  static int portOf(String authority, int dflt) {
    String rest;
    if (authority.startsWith("[")) {
      rest = authority.substring(authority.indexOf(']') + 1);
    } else {
      int colon = authority.indexOf(':');
      if (colon < 0 || authority.indexOf(':', colon + 1) >= 0) {
        return dflt;
      }
      rest = authority.substring(colon);
    }
    return rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : dflt;
  }

  private static String normalise(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static Set<String> interfaceAddresses() {
    Set<String> out = new HashSet<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          String text = a.getHostAddress();
          int zone = text.indexOf('%');
          out.add(normalise(zone >= 0 ? text.substring(0, zone) : text));
        }
      }
      out.add(normalise(InetAddress.getLocalHost().getHostName()));
    } catch (SocketException | java.net.UnknownHostException e) {
      // Without the interface list only loopback and the configured names are accepted.
    }
    return out;
  }
}
