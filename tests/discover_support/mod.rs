//! Helpers for the discovery tests: the bundled collection built into a temporary
//! directory (with or without a base URL), a small XML tree reader (quick-xml, so
//! a file that is not well-formed fails), and the data of the search index's
//! JavaScript files.

#![allow(dead_code)]

use plenary::render::{self, NoLinks};
use plenary::site::Site;
use quick_xml::events::Event;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const BASE_URL: &str = "https://example.org/un/";

/// The repository, which is itself a site (the bundled collection).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A built copy of the bundled collection: the temporary directory, the site
/// model and every output file (path → bytes).
pub struct Built {
    pub tmp: tempfile::TempDir,
    pub out: PathBuf,
    pub site: Site,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Built {
    pub fn text(&self, path: &str) -> String {
        let bytes = self.files.get(path).unwrap_or_else(|| panic!("the build wrote no {path}"));
        String::from_utf8(bytes.clone()).unwrap_or_else(|_| panic!("{path} is not UTF-8"))
    }
}

/// Builds the bundled collection, with `base_url` set if given.
pub fn build(base_url: Option<&str>) -> Built {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let mut site = Site::load(&repo()).unwrap();
    if let Some(url) = base_url {
        site.config.base_url = url.to_string();
    }
    render::build(&site, &out, &NoLinks).unwrap();
    let files = tree(&out);
    Built { tmp, out, site, files }
}

/// Every file under `dir`: relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

/// An XML element: local name, attributes, text (of this element only) and children.
#[derive(Debug, Default, Clone)]
pub struct El {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub text: String,
    pub children: Vec<El>,
}

impl El {
    pub fn all(&self, name: &str) -> Vec<&El> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    pub fn one(&self, name: &str) -> &El {
        let found = self.all(name);
        assert_eq!(found.len(), 1, "<{}> must have exactly one <{name}>", self.name);
        found[0]
    }

    pub fn attr(&self, name: &str) -> &str {
        self.attrs.get(name).map(String::as_str).unwrap_or_else(|| panic!("<{}> has no {name}", self.name))
    }
}

/// Parses `xml` into its root element; panics (naming `what`) unless well-formed.
pub fn parse_xml(xml: &str, what: &str) -> El {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<El> = vec![El::default()];
    let element = |e: &quick_xml::events::BytesStart<'_>| {
        let mut el = El { name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(), ..El::default() };
        for a in e.attributes() {
            let a = a.unwrap_or_else(|err| panic!("{what}: {err}"));
            let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned();
            el.attrs.insert(String::from_utf8_lossy(a.key.as_ref()).into_owned(), value);
        }
        el
    };
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("{what} is not well-formed XML at byte {}: {e}", reader.error_position()));
        match event {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap_or_else(|| panic!("{what}: unbalanced end tag")).children.push(el);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content().unwrap()),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().unwrap();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .unwrap_or_else(|| panic!("{what}: unknown entity &{name};"))
                            .to_string()
                    }
                };
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "{what}: unclosed elements");
    let mut doc = stack.pop().unwrap();
    assert_eq!(doc.children.len(), 1, "{what}: one root element");
    doc.children.pop().unwrap()
}

/// The arguments of `PlenarySearch.name(a, b);` in a search data file, as JSON.
pub fn js_call(js: &str, name: &str) -> Vec<Value> {
    let prefix = format!("PlenarySearch.{name}(");
    let inner = js
        .strip_prefix(&prefix)
        .and_then(|s| s.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("not a PlenarySearch.{name} call: {}", &js[..js.len().min(80)]));
    let array: Value = serde_json::from_str(&format!("[{inner}]")).unwrap();
    array.as_array().unwrap().clone()
}

/// Resolves a link written on page `from` (both from the site root) to a site
/// path and fragment; `None` for an absolute URL.
pub fn resolve(from: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.contains("://") || href.starts_with("urn:") {
        return None;
    }
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop().expect("link leaves the site");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some((parts.join("/"), frag))
}
