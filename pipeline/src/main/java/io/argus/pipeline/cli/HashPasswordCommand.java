package io.argus.pipeline.cli;

import io.argus.pipeline.dashboard.access.PasswordHasher;
import io.argus.pipeline.dashboard.access.Role;
import io.argus.pipeline.dashboard.access.User;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus dashboard hash-password}: reads a password from the console (twice, not echoed) or, when standard
 * input is not a terminal, from its first line, and prints the users-file line for it. Never from a flag: a flag's
 * value is visible to every user of the machine and stays in shell histories.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Prints a users-file line NAME:ROLE:pbkdf2-sha256:ITERATIONS:SALT:HASH for a password read from the "
        + "console (asked twice, not echoed) or, when standard input is not a terminal, from its first line. "
        + "The password is never a flag.",
        "Append the line to the file given to 'argus dashboard --users' (or to ARGUS_DASHBOARD_USERS)."})
public final class HashPasswordCommand implements Callable<Integer> {

  static final int MINIMUM_LENGTH = 12;

  @Spec
  CommandSpec spec;

  /** Where the password is read from when there is no console (tests replace it). */
  public InputStream input = System.in;

  /** The console, or null (tests leave it null). */
  public Console console = System.console();

  @Option(names = "--user", required = true, description = "The user's name: letters, digits, '.', '_', '@', '-'.")
  String user;

  @Option(names = "--role", required = true, description = "viewer (sees) or analyst (also decides cases and edits "
      + "rules).")
  String role;

  @Option(names = "--iterations", defaultValue = "" + PasswordHasher.DEFAULT_ITERATIONS, description = "PBKDF2 "
      + "iterations (at least 100000). Default: ${DEFAULT-VALUE}.")
  int iterations;

  @Override
  public Integer call() throws IOException {
    Role parsedRole;
    try {
      parsedRole = Role.parse(role);
    } catch (IllegalArgumentException e) {
      throw new UserException("--role: " + e.getMessage());
    }
    if (iterations < io.argus.pipeline.dashboard.access.Users.MINIMUM_ITERATIONS) {
      throw new UserException("--iterations must be at least "
          + io.argus.pipeline.dashboard.access.Users.MINIMUM_ITERATIONS + ", got " + iterations);
    }
    char[] password = readPassword();
    try {
      if (password.length < MINIMUM_LENGTH) {
        throw new UserException("the password has " + password.length + " characters; at least " + MINIMUM_LENGTH
            + " are needed");
      }
      User entry;
      try {
        entry = new User(user, parsedRole, new PasswordHasher(iterations).hash(password));
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(entry.line());
      out.flush();
      return 0;
    } finally {
      PasswordHasher.clear(password);
    }
  }

  private char[] readPassword() throws IOException {
    if (console != null) {
      char[] first = console.readPassword("Password for %s: ", user);
      char[] second = console.readPassword("The same again: ");
      try {
        if (first == null || second == null || !Arrays.equals(first, second)) {
          PasswordHasher.clear(first);
          throw new UserException("the two passwords differ");
        }
        return first;
      } finally {
        PasswordHasher.clear(second);
      }
    }
    BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null) {
      throw new UserException("no password on standard input: type it at the console, or pipe it in on one line");
    }
    return line.toCharArray();
  }
}
