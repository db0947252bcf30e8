/**
 * The training loop: {@link org.siameseangular.train.Trainer} runs a {@link
 * org.siameseangular.train.TrainConfig} in a session it owns, keeps the best epoch's weights, and
 * tells its {@link org.siameseangular.train.TrainingListener}s about progress and checkpoints; a
 * {@link org.siameseangular.train.Checkpoint} holds everything needed to resume bit for bit. Knows
 * nothing of exports or reports.
 */
package org.siameseangular.train;
