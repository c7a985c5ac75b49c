package vn.vanthu.workflow;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vanthu.routes.dir}: a folder whose {@code *.bpmn} routes are deployed at start, each
 * validated first (an invalid one is logged and skipped); empty for none.
 */
@ConfigurationProperties("vanthu.routes")
record RoutesProperties(String dir) {}
