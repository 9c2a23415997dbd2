package io.argus.pipeline.dashboard.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The people who may sign in to the dashboard, from a users file or the {@code ARGUS_DASHBOARD_USERS} environment
 * variable: one {@code NAME:ROLE:pbkdf2-sha256:ITERATIONS:SALT:HASH} entry per line (or separated by white space in
 * the variable), {@code #} comments; {@code argus dashboard hash-password} writes the lines. Only hashes are stored.
 * A hash with fewer than {@value #MINIMUM_ITERATIONS} iterations is refused. Signing in with an unknown name costs
 * the same hashing as with a known one, so the time of an answer does not tell which names exist.
 */
public final class Users {

  public static final String ENVIRONMENT = "ARGUS_DASHBOARD_USERS";
  public static final int MINIMUM_ITERATIONS = 100_000;
  private static final Logger LOG = LoggerFactory.getLogger(Users.class);

  private final Map<String, User> byName;
  private final PasswordHash decoy;

  public Users(List<User> users) {
    Map<String, User> named = new LinkedHashMap<>();
    for (User user : users) {
      if (named.put(user.name(), user) != null) {
        throw new IllegalArgumentException("user " + user.name() + " is listed twice");
      }
    }
    this.byName = Collections.unmodifiableMap(named);
    int iterations = users.stream().mapToInt(user -> user.password().iterations()).max()
        .orElse(PasswordHasher.DEFAULT_ITERATIONS);
    this.decoy = new PasswordHasher(iterations).hash("no user has this password".toCharArray());
  }

  /** The users of a file; warns when others than its owner may read it. */
  public static Users read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the users file " + file + ": " + e.getMessage(), e);
    }
    warnIfShared(file);
    return parse(lines, file.toString());
  }

  /** The users of the environment variable's value: entries separated by new lines or white space. */
  public static Users fromEnvironment(String value) {
    return parse(List.of(value.strip().split("\\s+")), "$" + ENVIRONMENT);
  }

  static Users parse(List<String> lines, String source) {
    List<User> users = new ArrayList<>();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":", 3);
      try {
        if (parts.length != 3) {
          throw new IllegalArgumentException("expected NAME:ROLE:HASH");
        }
        PasswordHash hash = PasswordHash.parse(parts[2]);
        if (hash.iterations() < MINIMUM_ITERATIONS) {
          throw new IllegalArgumentException("the hash has " + hash.iterations() + " iterations, fewer than "
              + MINIMUM_ITERATIONS + ": make it again with argus dashboard hash-password");
        }
        users.add(new User(parts[0], Role.parse(parts[1]), hash));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " entry " + number + ": " + e.getMessage());
      }
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException(source + " lists no user; add NAME:ROLE:HASH lines made by argus dashboard "
          + "hash-password");
    }
    return new Users(users);
  }

  public int size() {
    return byName.size();
  }

  /** The user whose password this is, or empty; the same work is done whether or not the name exists. */
  public Optional<User> authenticate(String name, char[] password) {
    User user = name == null ? null : byName.get(name);
    boolean matches = PasswordHasher.verify(password, user == null ? decoy : user.password());
    return matches && user != null ? Optional.of(user) : Optional.empty();
  }

  private static void warnIfShared(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(permission -> permission.name().startsWith("GROUP")
          || permission.name().startsWith("OTHERS"))) {
        LOG.warn("The users file {} can be read by others than its owner (chmod 600 it)", file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: nothing to check.
    }
  }
}
