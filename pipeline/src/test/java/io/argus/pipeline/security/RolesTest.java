package io.argus.pipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.ingestion.streams.ValidatorTopology;
import io.argus.schemas.Topic;
import io.argus.scorer.ScoringTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class RolesTest {

  private static final Path README = Path.of("..", "README.md");

  @Test
  void shouldKeepTheReadmesAclTableEqualToTheGrants() throws IOException {
    String table = Roles.markdownTable(Roles.all());
    Path written = Files.writeString(Path.of("target", "acl-table.md"), table);

    assertThat(Files.readString(README)).as("README.md holds the table of " + written + " (argus topics "
        + "--print-acls)").contains(table);
  }

  @Test
  void shouldGrantEveryTopicARoleChecksAndNothingElseOnTheCatalogue() {
    for (RoleAccess role : Roles.all()) {
      for (Topic<?, ?> topic : role.topics()) {
        assertThat(role.topicsGranted(AclOperation.READ).contains(topic.name())
            || role.topicsGranted(AclOperation.WRITE).contains(topic.name())).as(role.role() + " " + topic.name())
            .isTrue();
      }
      assertThat(role.grants()).as(role.role() + ": no role needs the cluster or ALL")
          .noneMatch(grant -> grant.type() == ResourceType.CLUSTER || grant.operations().contains(AclOperation.ALL));
    }
  }

  @Test
  void shouldGiveEveryRoleAPrincipalOfItsOwn() {
    List<String> principals = Roles.all().stream().map(RoleAccess::principal).toList();

    assertThat(principals).doesNotHaveDuplicates().allMatch(principal -> principal.startsWith("User:argus-"));
    assertThat(Roles.all().stream().map(RoleAccess::role)).containsExactly("validate", "features", "score",
        "forecast", "train", "dashboard", "rules", "ingest", "simulate");
  }

  @Test
  void shouldGrantTheExactlyOnceRolesTheirGroupInternalTopicsAndTransactionalIdsByApplicationId() {
    RoleAccess scorer = Roles.scorer("argus-scorer-eu");

    assertThat(scorer.grants()).anySatisfy(grant -> {
      assertThat(grant.type()).isEqualTo(ResourceType.TRANSACTIONAL_ID);
      assertThat(grant.pattern()).isEqualTo(PatternType.PREFIXED);
      assertThat(grant.name()).isEqualTo("argus-scorer-eu-");
    }).anySatisfy(grant -> {
      assertThat(grant.type()).isEqualTo(ResourceType.GROUP);
      assertThat(grant.name()).isEqualTo("argus-scorer-eu");
    }).anySatisfy(grant -> {
      assertThat(grant.type()).isEqualTo(ResourceType.TOPIC);
      assertThat(grant.pattern()).isEqualTo(PatternType.PREFIXED);
      assertThat(grant.name()).isEqualTo("argus-scorer-eu-");
      assertThat(grant.operations()).contains(AclOperation.CREATE, AclOperation.DESCRIBE_CONFIGS);
    });
    assertThat(Roles.named("score")).isEqualTo(Roles.scorer(ScoringTopology.APPLICATION_ID));
    assertThat(Roles.named("validate")).isEqualTo(Roles.validator(ValidatorTopology.APPLICATION_ID));
  }

  @Test
  void shouldBindOneAllowAclPerOperationForTheRolesPrincipal() {
    RoleAccess trainer = Roles.trainer().forPrincipal("User:svc-trainer");

    assertThat(trainer.bindings()).hasSize(2).allSatisfy(binding -> {
      assertThat(binding.entry().principal()).isEqualTo("User:svc-trainer");
      assertThat(binding.entry().host()).isEqualTo("*");
      assertThat(binding.entry().operation()).isEqualTo(AclOperation.WRITE);
    });
  }
}
