package vn.vanthu.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/**
 * A route drawn as inline SVG from its diagram (BPMNShape bounds, BPMNEdge waypoints), as Cockpit
 * draws it but on our own page: tasks as rounded rectangles, events as circles, gateways as
 * diamonds, flows as polylines with arrowheads; done steps green, the active one amber with its
 * holders' names, pending ones grey. Every text is escaped: names come from an uploaded file.
 */
public final class RouteDiagram {

    private static final int PAD = 20;

    private RouteDiagram() {}

    /**
     * @param steps the route's user tasks with their state (RouteProgress)
     * @param nameOf a user id's full name, for the active step's holders
     */
    public static String svg(BpmnModelInstance model, List<RouteProgress.Step> steps, Function<String, String> nameOf) {
        if (model == null) {
            return "";
        }
        Map<String, RouteProgress.Step> byId =
                steps.stream().collect(Collectors.toMap(RouteProgress.Step::elementId, s -> s, (a, b) -> a));
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = 0;
        double maxY = 0;
        List<String> shapes = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            BaseElement element = shape.getBpmnElement();
            Bounds b = shape.getBounds();
            if (!(element instanceof FlowElement) || b == null) {
                continue;
            }
            Bounds label =
                    shape.getBpmnLabel() == null ? null : shape.getBpmnLabel().getBounds();
            minX = Math.min(minX, b.getX() - (label == null ? 0 : Math.max(0, b.getX() - label.getX())));
            minY = Math.min(minY, b.getY() - 30); // room for the holders above
            maxX = Math.max(maxX, b.getX() + b.getWidth());
            maxY = Math.max(maxY, b.getY() + b.getHeight() + 30); // room for a label below
            if (label != null) {
                maxX = Math.max(maxX, label.getX() + label.getWidth());
                maxY = Math.max(maxY, label.getY() + label.getHeight() + 10);
            }
            shapes.add(shape((FlowElement) element, b, label, byId.get(element.getId()), nameOf));
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            if (!(edge.getBpmnElement() instanceof SequenceFlow flow)
                    || edge.getWaypoints().size() < 2) {
                continue;
            }
            StringBuilder points = new StringBuilder();
            for (Waypoint w : edge.getWaypoints()) {
                minX = Math.min(minX, w.getX());
                minY = Math.min(minY, w.getY());
                maxX = Math.max(maxX, w.getX());
                maxY = Math.max(maxY, w.getY());
                points.append(num(w.getX())).append(',').append(num(w.getY())).append(' ');
            }
            edges.add("<polyline class=\"flow\" points=\"" + points.toString().strip()
                    + "\" marker-end=\"url(#route-arrow)\"/>");
            String name = flow.getName();
            Bounds at = edge.getBpmnLabel() == null ? null : edge.getBpmnLabel().getBounds();
            if (name != null && !name.isBlank() && at != null) {
                // where Modeler put the label
                edges.add("<text class=\"flow-label\" x=\"" + num(at.getX()) + "\" y=\"" + num(at.getY() + 10) + "\">"
                        + esc(name.strip()) + "</text>");
            } else if (name != null && !name.isBlank()) {
                List<Waypoint> waypoints = List.copyOf(edge.getWaypoints());
                Waypoint first = waypoints.get(0);
                Waypoint second = waypoints.get(1);
                edges.add("<text class=\"flow-label\" x=\"" + num((first.getX() + second.getX()) / 2 + 4) + "\" y=\""
                        + num((first.getY() + second.getY()) / 2 - 4) + "\">" + esc(name.strip()) + "</text>");
            }
        }
        if (shapes.isEmpty()) {
            return "";
        }
        double x = minX - PAD;
        double y = minY - PAD;
        double w = maxX - minX + 2 * PAD;
        double h = maxY - minY + 2 * PAD;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"route-diagram\" role=\"img\"")
                .append(" aria-labelledby=\"route-diagram-title\" viewBox=\"")
                .append(num(x))
                .append(' ')
                .append(num(y))
                .append(' ')
                .append(num(w))
                .append(' ')
                .append(num(h))
                .append("\" width=\"")
                .append(num(w))
                .append("\">")
                .append(
                        "<title id=\"route-diagram-title\">Sơ đồ quy trình của văn bản; danh sách các bước ở dưới</title>")
                .append("<defs><marker id=\"route-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
                .append(" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
                .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        edges.forEach(svg::append);
        shapes.forEach(svg::append);
        return svg.append("</svg>").toString();
    }

    private static String shape(
            FlowElement element, Bounds b, Bounds labelAt, RouteProgress.Step step, Function<String, String> nameOf) {
        String state = step == null ? "other" : step.state();
        String name = element.getName() == null ? "" : element.getName().strip();
        double cx = b.getX() + b.getWidth() / 2;
        double cy = b.getY() + b.getHeight() / 2;
        StringBuilder s =
                new StringBuilder("<g class=\"node " + state + "\" data-element=\"" + esc(element.getId()) + "\">");
        if (element instanceof Event) {
            double r = Math.min(b.getWidth(), b.getHeight()) / 2;
            s.append("<circle cx=\"")
                    .append(num(cx))
                    .append("\" cy=\"")
                    .append(num(cy))
                    .append("\" r=\"")
                    .append(num(r))
                    .append("\"/>");
            outsideLabel(s, name, b, labelAt, 16);
        } else if (element instanceof Gateway) {
            s.append("<polygon points=\"")
                    .append(num(cx))
                    .append(',')
                    .append(num(b.getY()))
                    .append(' ')
                    .append(num(b.getX() + b.getWidth()))
                    .append(',')
                    .append(num(cy))
                    .append(' ')
                    .append(num(cx))
                    .append(',')
                    .append(num(b.getY() + b.getHeight()))
                    .append(' ')
                    .append(num(b.getX()))
                    .append(',')
                    .append(num(cy))
                    .append("\"/>");
            outsideLabel(s, name, b, labelAt, 18);
        } else if (element instanceof Activity) {
            s.append("<rect x=\"")
                    .append(num(b.getX()))
                    .append("\" y=\"")
                    .append(num(b.getY()))
                    .append("\" width=\"")
                    .append(num(b.getWidth()))
                    .append("\" height=\"")
                    .append(num(b.getHeight()))
                    .append("\" rx=\"10\" ry=\"10\"/>");
            int perLine = Math.max(6, (int) (b.getWidth() / 7));
            List<String> lines = wrap(name, perLine);
            double top = cy - (lines.size() - 1) * 7;
            for (int i = 0; i < lines.size() && i < 4; i++) {
                s.append("<text x=\"")
                        .append(num(cx))
                        .append("\" y=\"")
                        .append(num(top + i * 14 + 4))
                        .append("\">")
                        .append(esc(lines.get(i)))
                        .append("</text>");
            }
            if (step != null
                    && RouteProgress.ACTIVE.equals(step.state())
                    && !step.holders().isEmpty()) {
                String holders = step.holders().stream().map(nameOf).collect(Collectors.joining(", "));
                // above the task: boundary events sit on its lower edge
                int holderLines = Math.min(wrap("Đang ở: " + holders, 40).size(), 3);
                double y0 = b.getY() - 6 - (holderLines - 1) * 13;
                label(s, "Đang ở: " + holders, cx, y0, 40);
            }
        } else {
            return "";
        }
        return s.append("</g>").toString();
    }

    /** An event's or gateway's name where Modeler put it, else under the shape. */
    private static void outsideLabel(StringBuilder s, String name, Bounds b, Bounds labelAt, int perLine) {
        if (labelAt != null && labelAt.getWidth() > 0) {
            label(s, name, labelAt.getX() + labelAt.getWidth() / 2, labelAt.getY() + 10, Math.max(perLine, (int)
                    (labelAt.getWidth() / 6)));
        } else {
            label(s, name, b.getX() + b.getWidth() / 2, b.getY() + b.getHeight() + 14, perLine);
        }
    }

    private static void label(StringBuilder s, String text, double cx, double y, int perLine) {
        List<String> lines = wrap(text, perLine);
        for (int i = 0; i < lines.size() && i < 3; i++) {
            s.append("<text class=\"label\" x=\"")
                    .append(num(cx))
                    .append("\" y=\"")
                    .append(num(y + i * 13))
                    .append("\">")
                    .append(esc(lines.get(i)))
                    .append("</text>");
        }
    }

    static List<String> wrap(String text, int perLine) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
