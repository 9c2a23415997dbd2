package io.argus.scorer.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The players of one explanation: groups of static features, then, for a model that reads the sequence, groups of
 * the card's transactions counted back from the current one, as TimeSHAP does — {@code event[0]} (the current
 * transaction's step), {@code event[-1]} (the previous transaction) ... {@code event[-m]} each on its own, and every
 * older one together in a last group. Group {@code g} is bit {@code g} of a coalition mask: static groups take the
 * low bits, event groups the high ones.
 */
public final class GroupLayout {

  /** More groups than this cannot be held in a {@code long} coalition mask. */
  public static final int MAX_GROUPS = 62;

  private final List<String> names;
  private final int[] groupOfFeature;
  private final int[] singleFeature;
  private final int staticGroupCount;
  private final int eventGroupCount;

  private GroupLayout(List<String> names, int[] groupOfFeature, int[] singleFeature, int staticGroupCount,
      int eventGroupCount) {
    this.names = List.copyOf(names);
    this.groupOfFeature = groupOfFeature;
    this.singleFeature = singleFeature;
    this.staticGroupCount = staticGroupCount;
    this.eventGroupCount = eventGroupCount;
  }

  /**
   * @param staticGroups group name to the static features it holds; together they must cover {@code featureNames}
   *     exactly once
   * @param featureNames the model's static features, in input order
   * @param individualEvents how many earlier transactions get a group of their own (0 for none); ignored when
   *     {@code sequenceLength} is 0
   * @param sequenceLength the longest sequence the model reads, current transaction included; 0 for a model that
   *     ignores the sequence
   */
  public static GroupLayout of(Map<String, List<String>> staticGroups, List<String> featureNames,
      int individualEvents, int sequenceLength) {
    List<String> names = new ArrayList<>(staticGroups.keySet());
    int[] groupOfFeature = new int[featureNames.size()];
    Arrays.fill(groupOfFeature, -1);
    List<Integer> singles = new ArrayList<>();
    int group = 0;
    for (List<String> members : staticGroups.values()) {
      for (String feature : members) {
        int index = featureNames.indexOf(feature);
        if (index < 0) {
          throw new IllegalArgumentException("group " + names.get(group) + " names " + feature
              + ", which is not among the model's features " + featureNames);
        }
        if (groupOfFeature[index] >= 0) {
          throw new IllegalArgumentException("feature " + feature + " is in two groups");
        }
        groupOfFeature[index] = group;
      }
      singles.add(members.size() == 1 ? featureNames.indexOf(members.get(0)) : -1);
      group++;
    }
    for (int feature = 0; feature < groupOfFeature.length; feature++) {
      if (groupOfFeature[feature] < 0) {
        throw new IllegalArgumentException("feature " + featureNames.get(feature) + " is in no group");
      }
    }
    int eventGroups = 0;
    if (sequenceLength > 0) {
      if (individualEvents < 0 || individualEvents > sequenceLength - 1) {
        throw new IllegalArgumentException("individual events must be between 0 and " + (sequenceLength - 1)
            + ", got " + individualEvents);
      }
      for (int position = 0; position <= individualEvents; position++) {
        names.add(position == 0 ? "event[0]" : "event[-" + position + "]");
        singles.add(-1);
      }
      eventGroups = individualEvents + 1;
      if (individualEvents + 1 < sequenceLength) {
        names.add("event[-" + (sequenceLength - 1) + "..-" + (individualEvents + 1) + "]");
        singles.add(-1);
        eventGroups++;
      }
    }
    if (names.size() > MAX_GROUPS) {
      throw new IllegalArgumentException("at most " + MAX_GROUPS + " groups, got " + names.size());
    }
    return new GroupLayout(names, groupOfFeature, singles.stream().mapToInt(Integer::intValue).toArray(),
        staticGroups.size(), eventGroups);
  }

  public int groupCount() {
    return names.size();
  }

  public int staticGroupCount() {
    return staticGroupCount;
  }

  public int eventGroupCount() {
    return eventGroupCount;
  }

  public String name(int group) {
    return names.get(group);
  }

  public List<String> names() {
    return names;
  }

  /** The group of static feature {@code feature}. */
  public int groupOfFeature(int feature) {
    return groupOfFeature[feature];
  }

  public int featureCount() {
    return groupOfFeature.length;
  }

  /** The static feature a one-feature group holds, or -1 for a group of several features or of events. */
  public int singleFeature(int group) {
    return singleFeature[group];
  }

  /** The group of the transaction {@code position} steps before the current one (0: the current one). */
  public int eventGroupOfPosition(int position) {
    return staticGroupCount + Math.min(position, eventGroupCount - 1);
  }

  /** The mask with every group set. */
  public long fullMask() {
    return (1L << names.size()) - 1;
  }
}
