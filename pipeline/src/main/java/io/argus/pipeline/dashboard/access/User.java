package io.argus.pipeline.dashboard.access;

import java.util.regex.Pattern;

/** A dashboard user: name, role and password hash. */
public record User(String name, Role role, PasswordHash password) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  public User {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a user name is 1 to 64 letters, digits, '.', '_', '@' or '-', got '" + name
          + "'");
    }
    if (role == null || password == null) {
      throw new IllegalArgumentException("user " + name + " needs a role and a password hash");
    }
  }

  /** The line of a users file: {@code NAME:ROLE:pbkdf2-sha256:ITERATIONS:SALT:HASH}. */
  public String line() {
    return name + ":" + role.label() + ":" + password.format();
  }
}
