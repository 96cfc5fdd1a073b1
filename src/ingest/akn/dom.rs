//! A small element tree read with quick-xml: element local names and namespaces,
//! attributes (unescaped, with a flag for the `plenary:` namespace), text with
//! entity and character references resolved. Positions are kept as line numbers
//! for error messages.

use super::AknError;
use crate::export::akn::PLENARY_NS;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// Deeper nesting than this is refused (no real document comes near it).
const MAX_DEPTH: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct Element {
    /// Local name, without prefix.
    pub name: String,
    /// Whether the element is in the `plenary:` namespace.
    pub plenary: bool,
    pub attrs: Vec<Attr>,
    pub children: Vec<Content>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Attr {
    pub name: String,
    pub plenary: bool,
    pub value: String,
}

#[derive(Debug, Clone)]
pub enum Content {
    Element(Element),
    Text(String),
}

impl Element {
    /// An attribute outside the `plenary:` namespace, by local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| !a.plenary && a.name == name).map(|a| a.value.as_str())
    }

    /// A `plenary:` attribute, by local name.
    pub fn plenary_attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.plenary && a.name == name).map(|a| a.value.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Content::Element(e) => Some(e),
            Content::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// First descendant (depth first, self excluded) with this name.
    pub fn find(&self, name: &str) -> Option<&Element> {
        self.elements().find_map(|e| if e.name == name { Some(e) } else { e.find(name) })
    }

    /// All text inside, markup removed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for c in &self.children {
            match c {
                Content::Text(t) => out.push_str(t),
                Content::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }

    fn push_text(&mut self, s: &str) {
        if let Some(Content::Text(t)) = self.children.last_mut() {
            t.push_str(s);
        } else if !s.is_empty() {
            self.children.push(Content::Text(s.to_string()));
        }
    }
}

/// Parses a whole document into its root element.
pub fn parse(xml: &str) -> Result<Element, AknError> {
    let line_at =
        |pos: u64| xml.as_bytes()[..(pos as usize).min(xml.len())].iter().filter(|&&b| b == b'\n').count() + 1;
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let pos = reader.buffer_position();
        let event = match reader.read_resolved_event() {
            Ok(event) => event,
            Err(e) => {
                let message = e.to_string();
                return Err(AknError::new(line_at(reader.error_position()), message));
            }
        };
        match event {
            (ns, Event::Start(start)) => {
                if root.is_some() {
                    return Err(AknError::new(line_at(pos), "content after the root element"));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(AknError::new(line_at(pos), format!("elements nested more than {MAX_DEPTH} deep")));
                }
                let plenary = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == PLENARY_NS.as_bytes());
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                let mut el = Element { name, plenary, line: line_at(pos), ..Element::default() };
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| AknError::new(line_at(pos), e))?;
                    let key = attr.key.as_ref();
                    if key == b"xmlns" || key.starts_with(b"xmlns:") {
                        continue;
                    }
                    let (ns, local) = reader.resolver().resolve_attribute(attr.key);
                    let plenary = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == PLENARY_NS.as_bytes());
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| AknError::new(line_at(pos), e))?
                        .into_owned();
                    el.attrs.push(Attr { name: String::from_utf8_lossy(local.as_ref()).into_owned(), plenary, value });
                }
                stack.push(el);
            }
            (_, Event::End(_)) => {
                let el = stack.pop().ok_or_else(|| AknError::new(line_at(pos), "unbalanced end tag"))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Content::Element(el)),
                    None => root = Some(el),
                }
            }
            (_, Event::Text(t)) => {
                let text = t.xml10_content().map_err(|e| AknError::new(line_at(pos), e))?;
                text_into(&mut stack, &text, line_at(pos))?;
            }
            (_, Event::CData(t)) => {
                let text = t.xml10_content().map_err(|e| AknError::new(line_at(pos), e))?;
                text_into(&mut stack, &text, line_at(pos))?;
            }
            (_, Event::GeneralRef(r)) => {
                let resolved = match r.resolve_char_ref().map_err(|e| AknError::new(line_at(pos), e))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|e| AknError::new(line_at(pos), e))?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| AknError::new(line_at(pos), format!("unknown entity &{name};")))?
                            .to_string()
                    }
                };
                text_into(&mut stack, &resolved, line_at(pos))?;
            }
            (_, Event::Eof) => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(AknError::new(line_at(xml.len() as u64), "the document ends inside an element"));
    }
    root.ok_or_else(|| AknError::new(1, "no root element"))
}

fn text_into(stack: &mut [Element], text: &str, line: usize) -> Result<(), AknError> {
    match stack.last_mut() {
        Some(el) => el.push_text(text),
        None if text.trim().is_empty() => {}
        None => return Err(AknError::new(line, "text outside the root element")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_text_and_references() {
        let xml = "<?xml version=\"1.0\"?>\n<a xmlns=\"x\" xmlns:plenary=\"urn:x-plenary:akn\" plenary:id=\"op1\" k=\"1&#10;2\">\
                   <p>x &amp; y&#13;<i>z</i><![CDATA[<w>]]></p><e/></a>";
        let root = parse(xml).unwrap();
        assert_eq!(root.name, "a");
        assert_eq!(root.plenary_attr("id"), Some("op1"));
        assert_eq!(root.attr("id"), None);
        assert_eq!(root.attr("k"), Some("1\n2"));
        assert_eq!(root.child("p").unwrap().text(), "x & y\rz<w>");
        assert!(root.child("e").is_some());
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>&nope;</a>").is_err());
        assert!(parse("").is_err());
        assert!(parse(&"<a>".repeat(500)).is_err());
    }
}
