package vn.vanthu.security;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;

/**
 * /engine-rest and the webapps keep JVM-wide static state: the engines by name (ProcessEngines) and
 * each webapp's runtime delegate. Other test classes' contexts and standalone engines, also named
 * "default", replace ours there and, when they close, remove it and set the delegates to null (the
 * webapps' ContainerBootstrap tearDown); our webapps' servlets, initialised at their first request,
 * then fail with 500. The app has one engine and one webapp container: only tests need this.
 */
final class CamundaStatics {

    private CamundaStatics() {}

    static void restore(ProcessEngine engine) {
        ProcessEngines.registerProcessEngine(engine);
        if (Admin.getRuntimeDelegate() == null) {
            Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
        }
        if (Cockpit.getRuntimeDelegate() == null) {
            Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
        }
        if (Tasklist.getRuntimeDelegate() == null) {
            Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
        }
        if (Welcome.getRuntimeDelegate() == null) {
            Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
        }
    }
}
