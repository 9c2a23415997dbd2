package io.argus.features.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.argus.features.compute.CardStep;
import io.argus.features.compute.CardSteps;
import io.argus.features.compute.CustomerPayment;
import io.argus.features.compute.CustomerPayments;
import io.argus.features.compute.FraudReport;
import io.argus.features.compute.TerminalFeatures;
import io.argus.features.compute.TerminalVisit;
import io.argus.features.compute.TerminalVisits;
import io.argus.features.compute.TransactionEvent;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureTypesTest {

  @ParameterizedTest
  @ValueSource(classes = {AdmittedTransaction.class, TerminalResult.class, TerminalScoredTransaction.class,
      ServedVector.class, TransactionEvent.class, TerminalFeatures.class, TerminalVisit.class, FraudReport.class,
      CustomerPayment.class, CardStep.class, CustomerPayments.class, CardSteps.class, TerminalVisits.class})
  void shouldCrossTheNetworkAndSitInStateAsAFlinkPojoNeverThroughKryo(Class<?> type) {
    TypeInformation<?> information = TypeInformation.of(type);
    SerializerConfigImpl noGenericTypes = new SerializerConfigImpl();
    noGenericTypes.setGenericTypes(false);

    assertThat(information).isInstanceOf(PojoTypeInfo.class);
    assertThatCode(() -> information.createSerializer(noGenericTypes)).doesNotThrowAnyException();
  }
}
