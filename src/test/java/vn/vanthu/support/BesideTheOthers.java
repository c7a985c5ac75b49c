package vn.vanthu.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that runs in the suite's second lane, beside the classes in line
 * (junit-platform.properties): the classes in line share one application and its database and so
 * run one after another, and many of them wait on each request more than they compute, which
 * leaves a core idle. The second lane takes one class at a time (they share this lock), its
 * methods in order. For classes that need no Spring and touch nothing the others read, and for the
 * shared application's start itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(BesideTheOthers.LANE)
public @interface BesideTheOthers {

    String LANE = "vanthu.test-lane.beside";

    /** Class-level {@code @Order} of the classes to start first: the longest, then the shared application. */
    int CLUSTER_FIRST = 1;

    int SHARED_APPLICATION_SECOND = 2;

    int RESTORED_BACKUP_THIRD = 3;
}
