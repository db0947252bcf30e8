/**
 * The command line ({@code java -jar siamese-angular.jar <command>}): picocli commands that parse
 * and check arguments, call {@code workflow} or {@link org.siameseangular.model.SimilarityModel},
 * and print; plus the native-log filter, the progress bar and the stop signal of a terminal
 * session.
 */
package org.siameseangular.cli;
