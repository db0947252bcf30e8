package org.siameseangular.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The schedules against Keras's CosineDecay formula
 * (keras/src/optimizers/schedules/learning_rate_schedule.py): {@code lr * ((1 - alpha) * 0.5 * (1 +
 * cos(pi * min(step, decay_steps) / decay_steps)) + alpha)}, worked out by hand here.
 */
class LearningRateScheduleTest {

  @Test
  void constantKeepsTheRate() {
    assertThat(LearningRateSchedule.CONSTANT.at(0.01, 0, 100)).isEqualTo(0.01);
    assertThat(LearningRateSchedule.CONSTANT.at(0.01, 99, 100)).isEqualTo(0.01);
  }

  @Test
  void cosineStartsAtTheRateHalvesTowardsTheFloorMidwayAndEndsAtTheFloor() {
    var cosine = LearningRateSchedule.COSINE;
    assertThat(cosine.at(0.01, 0, 1000)).isCloseTo(0.01, within(1e-15));
    // cos(pi / 2) = 0: 0.01 * (0.05 + 0.95 * 0.5) = 0.00525
    assertThat(cosine.at(0.01, 500, 1000)).isCloseTo(0.00525, within(1e-15));
    // a quarter: 0.5 * (1 + cos(pi / 4)) = 0.853553...; 0.01 * (0.05 + 0.95 * 0.853553) = 0.0086088
    assertThat(cosine.at(0.01, 250, 1000)).isCloseTo(0.008608757, within(1e-9));
    assertThat(cosine.at(0.01, 1000, 1000)).isCloseTo(0.0005, within(1e-15));
    assertThat(cosine.at(0.01, 5000, 1000)).isCloseTo(0.0005, within(1e-15));
  }

  @Test
  void cosineWithoutAKnownLengthKeepsTheRate() {
    assertThat(LearningRateSchedule.COSINE.at(0.01, 10, 0)).isEqualTo(0.01);
  }

  @Test
  void namesReadBackAndAnUnknownNameIsRefusedNamingTheChoices() {
    for (var s : LearningRateSchedule.values()) {
      assertThat(LearningRateSchedule.of(s.id())).isEqualTo(s);
    }
    assertThatThrownBy(() -> LearningRateSchedule.of("linear"))
        .hasMessageContaining("constant or cosine")
        .hasMessageContaining("'linear'");
  }
}
