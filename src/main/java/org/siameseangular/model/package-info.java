/**
 * Saved models: exporting weights as a SavedModel with its {@link
 * org.siameseangular.model.ModelMetadata} ({@link org.siameseangular.model.ModelExporter}), reading
 * the LSTM weights of any export back ({@link org.siameseangular.model.WeightsReader}), and the
 * public scoring API, {@link org.siameseangular.model.SimilarityModel}. Knows nothing of training
 * or reports.
 */
package org.siameseangular.model;
