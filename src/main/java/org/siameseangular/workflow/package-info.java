/**
 * The application's jobs, built from the layers below: a {@link
 * org.siameseangular.workflow.TrainingRun} goes train -> export -> report (with checkpoints, resume
 * and init-from), an {@link org.siameseangular.workflow.EvaluationRun} evaluates a saved model and
 * writes its report. The command line calls these; so can other front ends.
 */
package org.siameseangular.workflow;
