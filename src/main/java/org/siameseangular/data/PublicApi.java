package org.siameseangular.data;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the types other programs are meant to use: loading and scoring models ({@code
 * SimilarityModel}, {@code LoadOptions}, {@code ModelMetadata}), looking strings up ({@code
 * CandidateIndex}, {@code ExactIndex}, {@code HnswIndex}, {@code Match}), training ({@code
 * TrainingRun}, {@code TrainConfig}), Spark ({@code SiameseSpark}) and the exceptions they throw
 * ({@link UserException} and its kinds). Their public members change only with a new minor version
 * and a note in the README. Every other public type is public for the project's own packages and
 * may change in any release.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PublicApi {}
