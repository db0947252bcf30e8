/**
 * The model inside Apache Spark jobs: embeddings and distances as Dataset columns ({@link
 * org.siameseangular.spark.SiameseSpark}), SQL functions, and the {@code spark-submit} entry points
 * {@link org.siameseangular.spark.ScoreJob} and {@link org.siameseangular.spark.MatchJob}.
 *
 * <p>How the model gets to the executors: a model is named by a path string that every executor can
 * read, or by the name {@link org.siameseangular.spark.SiameseSpark#shipModel} returns for a
 * directory shipped as a Spark archive. Each executor JVM loads it once, lazily, in a synchronized
 * holder, and shares it between its tasks ({@code SimilarityModel} is thread-safe); nothing
 * TensorFlow holds is ever serialised. Rows are embedded in batches inside {@code mapPartitions};
 * pair distances are plain JVM arithmetic on the embeddings ({@link
 * org.siameseangular.match.AngularDistance}).
 *
 * <p>Spark is a {@code provided} dependency: only this package refers to it, and nothing else in
 * the project refers to this package (ArchitectureTest checks both).
 */
package org.siameseangular.spark;
