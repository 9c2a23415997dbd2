package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.FraudV1;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code argus features --from-file} on an embedded MiniCluster, then {@code argus features export}. */
class FeaturesCommandIT {

  @TempDir
  Path directory;

  @Test
  void shouldFeatureAHandbookFileAndExportOneColumnPerFeature() throws Exception {
    Path file = directory.resolve("transactions.csv");
    Files.write(file, List.of(
        "TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,TX_TIME_DAYS,TX_FRAUD,"
            + "TX_FRAUD_SCENARIO",
        "0,2018-04-01 00:00:31,596,3156,57.16,31,0,0,0",
        "1,2018-04-01 00:02:10,4961,3412,81.51,130,0,1,1",
        "2,2018-04-01 10:02:10,596,3156,42.84,36130,0,0,0",
        "3,2018-04-01 11:00:00,596,3156,0.00,39600,0,0,0",
        "4,2018-04-01 12:00:00,596,3156,-1.00,43200,0,0,0"));
    Path key = directory.resolve("token.key");
    Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k'));
    Path offline = directory.resolve("offline");
    Path csv = directory.resolve("features.csv");

    int featured = ArgusCommand.commandLine().execute("features", "--from-file", file.toString(), "--offline-dir",
        offline.toString(), "--checkpoint-dir", directory.resolve("checkpoints").toString(), "--token-key-file",
        key.toString());
    int exported = ArgusCommand.commandLine().execute("features", "export", "--offline-dir", offline.toString(),
        "--out", csv.toString());

    assertThat(featured).isZero();
    assertThat(exported).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0).split(",")).contains(FraudV1.FEATURE_SET.staticNames().toArray(String[]::new))
        .startsWith("TRANSACTION_ID", "TX_DATETIME", "CUSTOMER_ID", "TERMINAL_ID").endsWith("TX_FRAUD");
    assertThat(lines).hasSize(5);
    assertThat(lines.get(3)).startsWith("2,2018-04-01T10:02:10Z,596,3156,42.84,1,0,2,50.0,")
        .endsWith(",0");
    assertThat(lines.get(2)).startsWith("1,").endsWith(",1");
    assertThat(lines.get(4)).as("the $0 authorization is featured, its zero in the customer's mean")
        .startsWith("3,2018-04-01T11:00:00Z,596,3156,0.0,1,0,3," + (57.16 + 42.84 + 0) / 3 + ",");
    assertThat(Files.list(offline.resolve("rejected")).count()).as("the negative amount is dead-lettered").isOne();
  }
}
