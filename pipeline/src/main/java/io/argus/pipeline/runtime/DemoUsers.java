package io.argus.pipeline.runtime;

import io.argus.pipeline.dashboard.access.PasswordHasher;
import io.argus.pipeline.dashboard.access.Role;
import io.argus.pipeline.dashboard.access.User;
import io.argus.pipeline.dashboard.access.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The demo's dashboard users: an analyst ({@value #ANALYST}) and a viewer ({@value #VIEWER}) with random passwords,
 * generated on the demo's first start like its throwaway token key. The passwords go, in the clear, into
 * {@code dashboard-passwords.txt} and their hashes into {@code dashboard-users} (the users file the dashboard reads),
 * both in the data directory and readable by their owner only; the summary says where, and no password is ever
 * printed or logged. A resumed demo keeps them.
 *
 * @param passwordsFile where the passwords are
 */
record DemoUsers(Users users, Path passwordsFile) {

  static final String ANALYST = "analyst";
  static final String VIEWER = "viewer";
  private static final int PASSWORD_BYTES = 15;

  static DemoUsers resolve(DemoDirectory directory) {
    Path usersFile = directory.dashboardUsers();
    Path passwordsFile = directory.dashboardPasswords();
    if (!Files.exists(usersFile) || !Files.exists(passwordsFile)) {
      generate(usersFile, passwordsFile);
    }
    return new DemoUsers(Users.read(usersFile), passwordsFile);
  }

  /** What the summary says: who may sign in and where the passwords are. */
  String description() {
    return ANALYST + " (decides, edits rules) or " + VIEWER + "; passwords in " + passwordsFile
        + " (readable by you only)";
  }

  private static void generate(Path usersFile, Path passwordsFile) {
    SecureRandom random = new SecureRandom();
    PasswordHasher hasher = new PasswordHasher();
    StringBuilder hashes = new StringBuilder("# The demo's dashboard users (argus dashboard --users); passwords in "
        + passwordsFile.getFileName() + "\n");
    StringBuilder passwords = new StringBuilder("# The demo's dashboard users and their passwords (user password)\n");
    for (String name : List.of(ANALYST, VIEWER)) {
      byte[] secret = new byte[PASSWORD_BYTES];
      random.nextBytes(secret);
      char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
      User user = new User(name, name.equals(ANALYST) ? Role.ANALYST : Role.VIEWER, hasher.hash(password));
      hashes.append(user.line()).append('\n');
      passwords.append(name).append(' ').append(password).append('\n');
      PasswordHasher.clear(password);
    }
    writePrivate(passwordsFile, passwords.toString());
    writePrivate(usersFile, hashes.toString());
  }

  private static void writePrivate(Path file, String text) {
    try {
      Files.deleteIfExists(file);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo's dashboard users to " + file, e);
    }
  }
}
