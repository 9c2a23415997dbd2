package io.argus.pipeline.runtime;

import io.argus.ingestion.tokenize.CardTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The demo's card-token key: from {@code --token-key-file} or {@code ARGUS_TOKEN_KEY}, as for every role; otherwise
 * a throwaway key, generated on the demo's first start into its data directory (readable by the owner only), so that a
 * resumed demo gives every card the token it had.
 *
 * @param description where the key comes from, for the ready summary
 * @param throwaway whether it is the demo's generated key (the summary warns, once)
 */
record DemoTokenKey(CardTokenizer tokenizer, String description, boolean throwaway) {

  private static final int KEY_BYTES = 32;

  /**
   * @throws io.argus.ingestion.tokenize.TokenKeyException when the key file or the variable holds no usable key
   */
  static DemoTokenKey resolve(Path keyFile, Map<String, String> environment, DemoDirectory directory) {
    if (keyFile != null) {
      return new DemoTokenKey(CardTokenizer.fromKeyFile(keyFile), "the key file " + keyFile, false);
    }
    if (environment.containsKey(CardTokenizer.KEY_ENVIRONMENT_VARIABLE)) {
      return new DemoTokenKey(CardTokenizer.fromEnvironment(environment),
          "the environment variable " + CardTokenizer.KEY_ENVIRONMENT_VARIABLE, false);
    }
    Path generated = directory.tokenKey();
    if (!Files.exists(generated)) {
      generate(generated);
    }
    return new DemoTokenKey(CardTokenizer.fromKeyFile(generated), "a throwaway key generated for this demo in "
        + generated, true);
  }

  private static void generate(Path file) {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo's card-token key to " + file, e);
    }
  }
}
