package vn.vanthu.workflow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** vanthu.notifications.*: whether the holder of a new step is emailed ({@link StepNotices}). */
@ConfigurationProperties("vanthu.notifications")
record NotificationSettings(@DefaultValue("true") boolean enabled) {}
