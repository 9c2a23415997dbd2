package io.argus.pipeline.dashboard.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {

  private static final PasswordHasher HASHER = new PasswordHasher(Users.MINIMUM_ITERATIONS);
  private static final String ANA = new User("ana", Role.ANALYST, HASHER.hash("ana's long password".toCharArray()))
      .line();
  private static final String VIC = new User("vic", Role.VIEWER, HASHER.hash("vic's long password".toCharArray()))
      .line();

  @TempDir
  Path directory;

  @Test
  void shouldReadAUsersFileWithCommentsAndSignInWithTheRightPassword() throws Exception {
    Path file = Files.writeString(directory.resolve("users"), "# dashboard users\n\n" + ANA + "\n" + VIC + "\n");

    Users users = Users.read(file);

    assertThat(users.size()).isEqualTo(2);
    assertThat(users.authenticate("ana", "ana's long password".toCharArray())).hasValueSatisfying(user ->
        assertThat(user.role()).isEqualTo(Role.ANALYST));
    assertThat(users.authenticate("vic", "vic's long password".toCharArray()).orElseThrow().role())
        .isEqualTo(Role.VIEWER);
    assertThat(users.authenticate("ana", "vic's long password".toCharArray())).isEmpty();
    assertThat(users.authenticate("nobody", "ana's long password".toCharArray())).isEmpty();
  }

  @Test
  void shouldReadUsersFromAnEnvironmentVariableSeparatedByWhiteSpace() {
    Users users = Users.fromEnvironment(ANA + " \n " + VIC);

    assertThat(users.size()).isEqualTo(2);
  }

  @Test
  void shouldRefuseAHashWithTooFewIterations() {
    String weak = new User("weak", Role.VIEWER, new PasswordHasher(1_000).hash("a long password".toCharArray()))
        .line();

    assertThatThrownBy(() -> Users.parse(List.of(weak), "users")).hasMessageContaining("users entry 1")
        .hasMessageContaining("1000 iterations, fewer than 100000");
  }

  @Test
  void shouldNameTheEntryThatIsWrong() {
    assertThatThrownBy(() -> Users.parse(List.of(ANA, "bo:boss:" + ANA.substring(ANA.indexOf("pbkdf2"))), "users"))
        .hasMessageContaining("users entry 2").hasMessageContaining("a role is viewer or analyst, got 'boss'");
    assertThatThrownBy(() -> Users.parse(List.of(ANA, ANA), "users")).hasMessageContaining("listed twice");
    assertThatThrownBy(() -> Users.parse(List.of("# nobody"), "users")).hasMessageContaining("lists no user");
    assertThatThrownBy(() -> Users.parse(List.of("ana:analyst"), "users")).hasMessageContaining("NAME:ROLE:HASH");
  }

  @Test
  void shouldRefuseAUserNameThatCouldBreakALogLine() {
    assertThatThrownBy(() -> new User("ana\nroot", Role.VIEWER, HASHER.hash("a long password".toCharArray())))
        .hasMessageContaining("a user name is");
  }
}
