package io.argus.pipeline.dashboard.access;

import java.util.Locale;

/** What a signed-in user may do: a viewer sees everything; an analyst also decides cases and edits rules. */
public enum Role {
  VIEWER, ANALYST;

  /** Whether this role may do what {@code required} may. */
  public boolean allows(Role required) {
    return this == ANALYST || required == VIEWER;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code viewer} or {@code analyst}, any case. */
  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return role;
      }
    }
    throw new IllegalArgumentException("a role is viewer or analyst, got '" + text + "'");
  }
}
