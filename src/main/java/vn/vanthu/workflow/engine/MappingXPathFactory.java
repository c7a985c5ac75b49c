package vn.vanthu.workflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathEvaluationResult;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import javax.xml.xpath.XPathFunctionResolver;
import javax.xml.xpath.XPathVariableResolver;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The XPath with which the engine's MyBatis reads its mapping files (about 60, at every start; only
 * there: {@link EngineConfiguration}). MyBatis asks only for child elements by name
 * ({@code /mapper/resultMap}, {@code select|insert|update|delete}), and the JDK's XPath answers each
 * such question by wrapping the whole document anew: a third of the engine's build. Those paths are
 * answered here by walking the children, exactly as XPath 1.0 defines them; every other expression,
 * and any document with namespaces, prefixes or entity references, goes to the JDK's XPath.
 */
public final class MappingXPathFactory extends XPathFactory {

    private final XPathFactory jdk = XPathFactory.newDefaultInstance();

    @Override
    public boolean isObjectModelSupported(String objectModel) {
        return DEFAULT_OBJECT_MODEL_URI.equals(objectModel);
    }

    @Override
    public void setFeature(String name, boolean value) throws XPathFactoryConfigurationException {
        jdk.setFeature(name, value);
    }

    @Override
    public boolean getFeature(String name) throws XPathFactoryConfigurationException {
        return jdk.getFeature(name);
    }

    @Override
    public void setXPathVariableResolver(XPathVariableResolver resolver) {
        jdk.setXPathVariableResolver(resolver);
    }

    @Override
    public void setXPathFunctionResolver(XPathFunctionResolver resolver) {
        jdk.setXPathFunctionResolver(resolver);
    }

    @Override
    public XPath newXPath() {
        return new ChildPathXPath(jdk.newXPath());
    }

    /** Name tests without a prefix, joined by "/" (optionally from the root), or single ones joined by "|". */
    record ChildPath(boolean absolute, List<String> steps) {

        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
        private static final Map<String, List<ChildPath>> PARSED = new ConcurrentHashMap<>();

        /** The alternatives of the expression, or an empty list when it is not such a path. */
        static List<ChildPath> parse(String expression) {
            return PARSED.computeIfAbsent(expression, ChildPath::read);
        }

        private static List<ChildPath> read(String expression) {
            List<ChildPath> alternatives = new ArrayList<>();
            for (String alternative : expression.split("\\|", -1)) {
                boolean absolute = alternative.startsWith("/");
                String[] steps = (absolute ? alternative.substring(1) : alternative).split("/", -1);
                for (String step : steps) {
                    if (!NAME.matcher(step).matches()) {
                        return List.of();
                    }
                }
                alternatives.add(new ChildPath(absolute, List.of(steps)));
            }
            // a union is in document order; kept simple: only of children of the context node
            if (alternatives.size() > 1
                    && alternatives.stream()
                            .anyMatch(a -> a.absolute() || a.steps().size() > 1)) {
                return List.of();
            }
            return List.copyOf(alternatives);
        }
    }

    /** Thrown inside {@link #select} where the JDK's XPath must answer instead. */
    private static final class NotSimple extends Exception {
        NotSimple() {
            super(null, null, false, false);
        }
    }

    /**
     * The elements the path selects from {@code context}, in document order: each step takes, in
     * order, the element children of the previous step's elements whose name is the step's.
     */
    static List<Node> select(Node context, List<ChildPath> alternatives) throws NotSimple {
        if (alternatives.size() > 1) {
            List<String> names =
                    alternatives.stream().map(a -> a.steps().get(0)).toList();
            return children(List.of(context), names);
        }
        ChildPath path = alternatives.get(0);
        Node start = context;
        if (path.absolute()) {
            start = context.getNodeType() == Node.DOCUMENT_NODE ? context : context.getOwnerDocument();
        }
        List<Node> current = List.of(start);
        for (String step : path.steps()) {
            current = children(current, List.of(step));
        }
        return current;
    }

    private static List<Node> children(List<Node> parents, List<String> names) throws NotSimple {
        List<Node> found = new ArrayList<>();
        for (Node parent : parents) {
            if (parent == null
                    || (parent.getNodeType() != Node.ELEMENT_NODE && parent.getNodeType() != Node.DOCUMENT_NODE)) {
                throw new NotSimple();
            }
            for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                short type = child.getNodeType();
                if (type == Node.ENTITY_REFERENCE_NODE) {
                    throw new NotSimple();
                }
                if (type != Node.ELEMENT_NODE) {
                    continue;
                }
                String name = child.getNodeName();
                if (child.getNamespaceURI() != null || name.indexOf(':') >= 0) {
                    throw new NotSimple(); // namespaces: the JDK's XPath decides
                }
                if (names.contains(name)) {
                    found.add(child);
                }
            }
        }
        return found;
    }

    private static final class Nodes implements NodeList {
        private final List<Node> nodes;

        Nodes(List<Node> nodes) {
            this.nodes = nodes;
        }

        @Override
        public Node item(int index) {
            return index >= 0 && index < nodes.size() ? nodes.get(index) : null;
        }

        @Override
        public int getLength() {
            return nodes.size();
        }
    }

    /** Answers child paths itself and hands everything else to the JDK's XPath. */
    static final class ChildPathXPath implements XPath {

        private final XPath jdk;

        ChildPathXPath(XPath jdk) {
            this.jdk = jdk;
        }

        @Override
        public Object evaluate(String expression, Object item, QName returnType) throws XPathExpressionException {
            if (expression != null
                    && item instanceof Node node
                    && (node.getNodeType() == Node.ELEMENT_NODE || node.getNodeType() == Node.DOCUMENT_NODE)
                    && (XPathConstants.NODESET.equals(returnType)
                            || XPathConstants.NODE.equals(returnType)
                            || XPathConstants.STRING.equals(returnType)
                            || XPathConstants.BOOLEAN.equals(returnType))) {
                List<ChildPath> path = ChildPath.parse(expression);
                if (!path.isEmpty()) {
                    try {
                        List<Node> found = select(node, path);
                        if (XPathConstants.NODESET.equals(returnType)) {
                            return new Nodes(found);
                        }
                        if (XPathConstants.NODE.equals(returnType)) {
                            return found.isEmpty() ? null : found.get(0);
                        }
                        if (XPathConstants.BOOLEAN.equals(returnType)) {
                            return !found.isEmpty();
                        }
                        // the string-value of an element: its descendant text, CDATA included
                        return found.isEmpty() ? "" : found.get(0).getTextContent();
                    } catch (NotSimple e) {
                        // below
                    }
                }
            }
            return jdk.evaluate(expression, item, returnType);
        }

        @Override
        public String evaluate(String expression, Object item) throws XPathExpressionException {
            return (String) evaluate(expression, item, XPathConstants.STRING);
        }

        @Override
        public Object evaluate(String expression, InputSource source, QName returnType)
                throws XPathExpressionException {
            return jdk.evaluate(expression, source, returnType);
        }

        @Override
        public String evaluate(String expression, InputSource source) throws XPathExpressionException {
            return jdk.evaluate(expression, source);
        }

        @Override
        public <T> T evaluateExpression(String expression, Object item, Class<T> type) throws XPathExpressionException {
            return jdk.evaluateExpression(expression, item, type);
        }

        @Override
        public XPathEvaluationResult<?> evaluateExpression(String expression, Object item)
                throws XPathExpressionException {
            return jdk.evaluateExpression(expression, item);
        }

        @Override
        public <T> T evaluateExpression(String expression, InputSource source, Class<T> type)
                throws XPathExpressionException {
            return jdk.evaluateExpression(expression, source, type);
        }

        @Override
        public XPathEvaluationResult<?> evaluateExpression(String expression, InputSource source)
                throws XPathExpressionException {
            return jdk.evaluateExpression(expression, source);
        }

        @Override
        public XPathExpression compile(String expression) throws XPathExpressionException {
            return jdk.compile(expression);
        }

        @Override
        public void reset() {
            jdk.reset();
        }

        @Override
        public void setXPathVariableResolver(XPathVariableResolver resolver) {
            jdk.setXPathVariableResolver(resolver);
        }

        @Override
        public XPathVariableResolver getXPathVariableResolver() {
            return jdk.getXPathVariableResolver();
        }

        @Override
        public void setXPathFunctionResolver(XPathFunctionResolver resolver) {
            jdk.setXPathFunctionResolver(resolver);
        }

        @Override
        public XPathFunctionResolver getXPathFunctionResolver() {
            return jdk.getXPathFunctionResolver();
        }

        @Override
        public void setNamespaceContext(NamespaceContext context) {
            jdk.setNamespaceContext(context);
        }

        @Override
        public NamespaceContext getNamespaceContext() {
            return jdk.getNamespaceContext();
        }
    }
}
