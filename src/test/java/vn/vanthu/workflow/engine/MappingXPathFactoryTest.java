package vn.vanthu.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import vn.vanthu.support.BesideTheOthers;

/**
 * The child-path XPath answers exactly as the JDK's: on every mapping file of the engine, for the
 * questions MyBatis asks and a few it does not; and it is named only where the engine reads them.
 * No Spring.
 */
@BesideTheOthers // no Spring, nothing the others read
class MappingXPathFactoryTest {

    private final XPath jdk = XPathFactory.newDefaultInstance().newXPath();
    private final XPath ours = new MappingXPathFactory().newXPath();

    private static final List<QName> TYPES =
            List.of(XPathConstants.NODESET, XPathConstants.NODE, XPathConstants.STRING, XPathConstants.BOOLEAN);

    @Test
    void everyMappingFileOfTheEngineGetsTheJdksAnswers() throws Exception {
        List<String> files = mappingFiles();
        assertThat(files).hasSizeGreaterThan(40);
        int compared = 0;
        for (String file : files) {
            Document doc;
            try (InputStream in = ProcessEngine.class.getClassLoader().getResourceAsStream(file)) {
                doc = parse(in.readAllBytes(), false);
            }
            List<Node> contexts = new ArrayList<>(List.of(doc, doc.getDocumentElement()));
            NodeList statements = (NodeList) jdk.evaluate(
                    "/mapper/select|/mapper/insert|/mapper/update|/mapper/delete", doc, XPathConstants.NODESET);
            for (int i = 0; i < statements.getLength(); i++) {
                contexts.add(statements.item(i));
            }
            for (Node context : contexts) {
                for (String expression : List.of(
                        "/mapper",
                        "/configuration",
                        "/mapper/resultMap",
                        "/mapper/sql",
                        "/mapper/parameterMap",
                        "/mapper/resultMap/result",
                        "select|insert|update|delete",
                        "cache",
                        "cache-ref",
                        "selectKey",
                        "sql",
                        "resultMap/id",
                        "include",
                        "where/if",
                        "//include",
                        "sql[@id]",
                        "@id")) {
                    if (context.getNodeType() == Node.DOCUMENT_NODE || context == doc.getDocumentElement()) {
                        for (QName type : TYPES) {
                            assertSame(file, expression, context, type);
                            compared++;
                        }
                    } else {
                        compared += assertSameFromOneNodeSet(file, expression, context);
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    @Test
    void namespacesPrefixesAndOtherQuestionsGetTheJdksAnswers() throws Exception {
        String plain = "<mapper><sql id='a'>x<![CDATA[ < y]]><!-- no --></sql><select id='s'/><sql id='b'/></mapper>";
        String defaultNamespace = "<mapper xmlns='urn:x'><sql id='a'/></mapper>";
        String prefixed = "<p:mapper xmlns:p='urn:x'><p:sql id='a'/><sql id='b'/></p:mapper>";
        for (String xml : List.of(plain, defaultNamespace, prefixed)) {
            for (boolean namespaceAware : List.of(false, true)) {
                Document doc = parse(xml.getBytes(StandardCharsets.UTF_8), namespaceAware);
                for (Node context : List.of(doc, doc.getDocumentElement())) {
                    for (String expression : List.of(
                            "/mapper", "/mapper/sql", "sql", "sql|select", "/p:mapper", "p:sql", "*", "count(sql)")) {
                        for (QName type : TYPES) {
                            assertSame(xml, expression, context, type);
                        }
                    }
                }
            }
        }
        Document doc = parse(plain.getBytes(StandardCharsets.UTF_8), false);
        assertThat(ours.evaluate("/mapper/sql", doc)).isEqualTo("x < y");
        assertThat(ours.evaluate("count(/mapper/sql)", doc, XPathConstants.NUMBER))
                .isEqualTo(2.0);
        assertThat(ours.evaluate("/mapper/sql", new InputSource(new StringReader(plain))))
                .isEqualTo("x < y");
    }

    @Test
    void theEngineNamesItOnlyWhileReadingItsMappings() {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(new EngineConfiguration.XPathServiceLoader(before));
        try {
            assertThat(XPathFactory.newInstance()).isInstanceOf(MappingXPathFactory.class);
        } finally {
            thread.setContextClassLoader(before);
        }
        assertThat(XPathFactory.newInstance()).isNotInstanceOf(MappingXPathFactory.class);
    }

    private void assertSame(String where, String expression, Node context, QName type) throws Exception {
        Object expected;
        try {
            expected = jdk.evaluate(expression, context, type);
        } catch (Exception e) {
            expected = e.getClass();
        }
        Object actual;
        try {
            actual = ours.evaluate(expression, context, type);
        } catch (Exception e) {
            actual = e.getClass();
        }
        if (expected instanceof NodeList e && actual instanceof NodeList a) {
            assertThat(nodes(a)).as("%s: %s as %s", where, expression, type).containsExactlyElementsOf(nodes(e));
        } else {
            assertThat(actual).as("%s: %s as %s", where, expression, type).isEqualTo(expected);
        }
    }

    /**
     * The four answers for one of the thousands of statement contexts, from one JDK evaluation: the
     * JDK's XPath builds a model of the whole file for each call, which made this test 7 % of the
     * suite's CPU. XPath 1.0 defines the other three from the node-set (the first node in document
     * order, its string-value, whether there is one); ours is still asked all four.
     */
    private int assertSameFromOneNodeSet(String where, String expression, Node context) throws Exception {
        NodeList expected = (NodeList) jdk.evaluate(expression, context, XPathConstants.NODESET);
        List<Node> expectedNodes = nodes(expected);
        Node first = expectedNodes.isEmpty() ? null : expectedNodes.get(0);
        String as = where + ": " + expression + " as ";
        assertThat(nodes((NodeList) ours.evaluate(expression, context, XPathConstants.NODESET)))
                .as(as + "NODESET")
                .containsExactlyElementsOf(expectedNodes);
        assertThat(ours.evaluate(expression, context, XPathConstants.NODE))
                .as(as + "NODE")
                .isSameAs(first);
        assertThat(ours.evaluate(expression, context, XPathConstants.STRING))
                .as(as + "STRING")
                .isEqualTo(first == null ? "" : first.getTextContent());
        assertThat(ours.evaluate(expression, context, XPathConstants.BOOLEAN))
                .as(as + "BOOLEAN")
                .isEqualTo(first != null);
        return TYPES.size();
    }

    private static List<Node> nodes(NodeList list) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            nodes.add(list.item(i));
        }
        return nodes;
    }

    /** As MyBatis parses them (namespaces off), without fetching the DTD. */
    private static Document parse(byte[] xml, boolean namespaceAware) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(namespaceAware);
        factory.setIgnoringComments(true);
        factory.setCoalescing(false);
        factory.setExpandEntityReferences(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new ByteArrayInputStream(new byte[0])));
        return builder.parse(new ByteArrayInputStream(xml));
    }

    private static List<String> mappingFiles() throws Exception {
        List<String> files = new ArrayList<>();
        String jar = ProcessEngine.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath();
        try (JarFile file = new JarFile(jar)) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.startsWith("org/camunda/bpm/engine/impl/mapping/") && name.endsWith(".xml")) {
                    files.add(name);
                }
            }
        }
        return files;
    }
}
