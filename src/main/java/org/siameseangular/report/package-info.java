/**
 * The training and evaluation report: charts (JFreeChart), a self-contained {@code report.html},
 * {@code history.csv} and {@code metrics.json}, written by {@link
 * org.siameseangular.report.TrainingReport}. Used only by {@code workflow}.
 */
package org.siameseangular.report;
