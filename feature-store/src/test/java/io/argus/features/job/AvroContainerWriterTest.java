package io.argus.features.job;

import static io.argus.features.Fixtures.T0;
import static io.argus.features.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.Transaction;
import io.argus.features.compute.ReferenceFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem.WriteMode;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvroContainerWriterTest {

  @Test
  void shouldWriteAZstandardContainerFileThatReadsBackRecordForRecord(@TempDir Path dir) throws Exception {
    List<Transaction> transactions = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      transactions.add(tx(Integer.toString(i), "card-" + i % 7, "term-" + i % 3, 10 + i, T0.plusSeconds(i * 60L)));
    }
    List<FeatureVector> vectors = ReferenceFeatures.compute(transactions, List.of());
    Path file = dir.resolve("part-0.avro");

    try (FSDataOutputStream out = LocalFileSystem.getSharedInstance()
        .create(new org.apache.flink.core.fs.Path(file.toUri()), WriteMode.NO_OVERWRITE)) {
      BulkWriter<FeatureVector> writer = AvroContainerWriter.factory(FeatureVector.class).create(out);
      for (FeatureVector vector : vectors) {
        writer.addElement(vector);
      }
      writer.finish();
    }

    List<FeatureVector> read = new ArrayList<>();
    try (DataFileReader<FeatureVector> reader = new DataFileReader<>(file.toFile(),
        new SpecificDatumReader<>(FeatureVector.class))) {
      assertThat(reader.getMetaString(DataFileConstants.CODEC)).isEqualTo(DataFileConstants.ZSTANDARD_CODEC);
      reader.forEach(read::add);
    }
    assertThat(read).hasSize(200).isEqualTo(vectors);
  }
}
