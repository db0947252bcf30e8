/**
 * The model as TensorFlow ops and the tensors fed to it: the siamese LSTM with its angular head
 * ({@link org.siameseangular.graph.SiameseGraph}), the loss, the registered BlockLSTMV2 gradient,
 * Keras's initialisers, the names other programs see, and the batches ({@link
 * org.siameseangular.graph.PairBatch}, {@link org.siameseangular.graph.TextBatch}) that own one
 * batch's tensors. Builds ops into graphs it does not own; opens no session. Depends only on {@code
 * data}.
 */
package org.siameseangular.graph;
