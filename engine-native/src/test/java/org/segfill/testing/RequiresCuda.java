package org.segfill.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class or method only where a CUDA device is usable. Elsewhere it is skipped and
 * the reason (e.g. "no CUDA driver: libcuda.so.1 not found") is printed and reported.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CudaCondition.class)
public @interface RequiresCuda {}
