package dev.loupe.server.ui.access;

import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;

/** Whether a browser request came from the server's own pages, from the headers browsers set. */
public final class SameOrigin {
  private SameOrigin() {}

  /**
   * True when {@code Sec-Fetch-Site} is same-origin or none (typed address), or, without it, when
   * {@code Origin} is absent or has the request's {@code Host}.
   */
  public static boolean allows(
      @Nullable String secFetchSite, @Nullable String origin, @Nullable String host) {
    if (secFetchSite != null)
      return secFetchSite.equals("same-origin") || secFetchSite.equals("none");
    if (origin == null) return true;
    if (origin.equals("null") || host == null) return false;
    try {
      URI uri = new URI(origin);
      String authority = uri.getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
