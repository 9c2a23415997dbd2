package io.argus.pipeline.dashboard;

import io.argus.pipeline.dashboard.access.PasswordHasher;
import io.argus.pipeline.dashboard.access.Role;
import io.argus.pipeline.dashboard.access.User;
import io.argus.pipeline.dashboard.access.Users;
import java.util.List;

/** An analyst and a viewer with known passwords, hashed with few iterations so the tests stay fast. */
final class TestUsers {

  static final String ANALYST = "ana";
  static final String ANALYST_PASSWORD = "correct horse battery";
  static final String VIEWER = "vic";
  static final String VIEWER_PASSWORD = "viewer staple paper";
  private static final PasswordHasher FAST = new PasswordHasher(1_000);

  private TestUsers() {
  }

  static Users users() {
    return new Users(List.of(
        new User(ANALYST, Role.ANALYST, FAST.hash(ANALYST_PASSWORD.toCharArray())),
        new User(VIEWER, Role.VIEWER, FAST.hash(VIEWER_PASSWORD.toCharArray()))));
  }
}
