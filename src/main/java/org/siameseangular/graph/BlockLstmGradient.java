package org.siameseangular.graph;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.op.nn.BlockLSTMGrad;
import org.tensorflow.types.family.TNumber;

/**
 * Registers the gradient of the fused LSTM op {@code BlockLSTMV2}, which TensorFlow defines only in
 * Python.
 *
 * <p>Wired like Python's {@code _BlockLSTMV2Grad} (tensorflow/python/ops/rnn_grad.py): the op's
 * inputs and outputs plus the incoming gradients of {@code cs} and {@code h} feed {@code
 * BlockLSTMGradV2}, whose outputs are the gradients of the inputs; {@code seq_len_max} gets none
 * (zeros, since a Java gradient may not return null). Registration is JVM-global, cannot be undone
 * and is limited to 10 per JVM: each takes one of the callback slots of TF Java's native adapter,
 * and JavaCPP gives a callback class 10 unless it asks for more (bytedeco/javacpp
 * src/main/java/org/bytedeco/javacpp/annotation/Allocator.java, {@code max() default 10};
 * tensorflow-core-native's TFJ_GradFuncAdapter asks for none). So it happens exactly once, from
 * this holder.
 */
public final class BlockLstmGradient {
  private static boolean registered;

  private BlockLstmGradient() {}

  /** Registers the gradient if this JVM has not done so yet. Idempotent and thread-safe. */
  public static synchronized void ensureRegistered() {
    if (registered) {
      return;
    }
    boolean ok =
        TensorFlow.registerCustomGradient(BlockLSTM.Inputs.class, BlockLstmGradient::gradient);
    if (!ok) {
      throw new IllegalStateException("TensorFlow refused the BlockLSTMV2 gradient registration");
    }
    registered = true;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> gradient(Ops tf, BlockLSTM.Inputs inputs, List<Output<?>> grads) {
    return typedGradient(tf, (BlockLSTM.Inputs<TNumber>) inputs, (List) grads);
  }

  // Output order of BlockLSTMV2: i, cs, f, o, ci, co, h. Only cs and h carry gradients
  // (rnn_grad.py).
  private static <T extends TNumber> List<Operand<?>> typedGradient(
      Ops tf, BlockLSTM.Inputs<T> in, List<Output<T>> grads) {
    BlockLSTM<T> out = in.getOutputs();
    Operand<T> csGrad = grads.get(1) != null ? grads.get(1) : tf.zerosLike(out.cs());
    Operand<T> hGrad = grads.get(6) != null ? grads.get(6) : tf.zerosLike(out.h());
    BlockLSTMGrad<T> g =
        tf.nn.blockLSTMGrad(
            in.seqLenMax,
            in.x,
            in.csPrev,
            in.hPrev,
            in.w,
            in.wci,
            in.wcf,
            in.wco,
            in.b,
            out.i(),
            out.cs(),
            out.f(),
            out.o(),
            out.ci(),
            out.co(),
            out.h(),
            csGrad,
            hGrad,
            in.usePeephole);
    List<Operand<?>> result = new ArrayList<>(9);
    result.add(tf.zerosLike(in.seqLenMax));
    result.add(g.xGrad());
    result.add(g.csPrevGrad());
    result.add(g.hPrevGrad());
    result.add(g.wGrad());
    result.add(g.wciGrad());
    result.add(g.wcfGrad());
    result.add(g.wcoGrad());
    result.add(g.bGrad());
    return result;
  }
}
