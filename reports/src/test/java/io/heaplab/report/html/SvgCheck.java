package io.heaplab.report.html;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Parses SVG documents as XML and checks the accessibility contract: a non-empty title and desc on the root. */
final class SvgCheck {

    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);

    private SvgCheck() {
    }

    /** {@return the root element of {@code svg}, which must be well-formed XML} */
    static Element parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        return d.getDocumentElement();
    }

    /** Asserts {@code svg} is well-formed, an {@code svg} root with a non-empty title and desc; returns the title. */
    static String assertAccessibleSvg(String svg) throws Exception {
        Element root = parse(svg);
        assertEquals("svg", root.getLocalName());
        assertEquals("img", root.getAttribute("role"));
        NodeList titles = root.getElementsByTagName("title");
        NodeList descs = root.getElementsByTagName("desc");
        assertFalse(titles.getLength() == 0 || titles.item(0).getTextContent().isBlank(), "chart has a title");
        assertFalse(descs.getLength() == 0 || descs.item(0).getTextContent().isBlank(), "chart has a text alternative");
        return titles.item(0).getTextContent();
    }

    /** {@return every {@code <svg>...</svg>} inside an HTML page} */
    static List<String> svgsIn(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = SVG.matcher(html);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
