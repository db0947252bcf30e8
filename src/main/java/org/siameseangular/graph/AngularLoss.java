package org.siameseangular.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Binary cross-entropy on the distance itself (no sigmoid), Keras 3's formula (keras-team/keras
 * {@code keras/src/backend/tensorflow/nn.py}, binary_crossentropy with from_logits=False):
 *
 * <pre>
 *   p = clip(distance, 1e-7, 1 - 1e-7)
 *   t = 1 - label                         (label 1 = similar pair = wanted distance 0)
 *   loss_b = -(t log p + (1 - t) log(1 - p))
 *   loss = mean_b loss_b                  (sum over batch size)
 * </pre>
 *
 * tensorflow-framework's BinaryCrossentropy is Keras 2's formula ({@code log(p + eps)}), hence this
 * class.
 */
public final class AngularLoss {
  /** Keras's {@code backend.epsilon()}, keras/src/backend/config.py. */
  public static final float KERAS_EPSILON = 1e-7f;

  /** Labels {@code [B]}, 1 = similar, 0 = dissimilar. */
  public final Placeholder<TFloat32> labels;

  /** Per-pair loss {@code [B]}. */
  public final Operand<TFloat32> perPair;

  /** Mean loss, a scalar. */
  public final Operand<TFloat32> loss;

  public AngularLoss(Ops tf, Operand<TFloat32> distance) {
    labels = tf.withName("label").placeholder(TFloat32.class);
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> p =
        tf.clipByValue(
            tf.reshape(distance, tf.constant(new int[] {-1})),
            tf.constant(KERAS_EPSILON),
            tf.constant(1f - KERAS_EPSILON));
    Operand<TFloat32> target = tf.math.sub(one, labels);
    Operand<TFloat32> positive = tf.math.mul(target, tf.math.log(p));
    Operand<TFloat32> negative =
        tf.math.mul(tf.math.sub(one, target), tf.math.log(tf.math.sub(one, p)));
    perPair = tf.math.neg(tf.math.add(positive, negative));
    loss = tf.withName("loss").math.mean(perPair, tf.constant(0));
  }
}
