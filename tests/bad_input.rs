//! Bad input through `plenary build` as a user runs it, with the message each one
//! deserves: malformed front matter (line and column), a template with a syntax
//! error (template and line), hostile text and links rendered inert, symbols that
//! would escape the output refused, an output that cannot be written. And nothing
//! lost: builds are byte-identical whatever the thread count, and a build killed
//! midway leaves the previous site as it was.
//!
//! Already covered elsewhere: importer input (tests/cli_import.rs), duplicate
//! symbols, outputs overlapping content/ (tests/build_errors.rs).

mod build_support;

use build_support::*;
use std::path::Path;
use std::process::{Command, Output};

const SMALL: &str = "A/RES/80/14.md";

fn plenary(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary")).args(args).current_dir(dir).output().expect("plenary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A failed run: exit status 1, no panic; returns stderr.
fn fails(o: &Output) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn small_site(dir: &Path, md: &str) {
    site(dir, None, &[(&format!("content/{SMALL}"), md)]);
}

#[test]
fn malformed_front_matter_names_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let md = bundled(SMALL).replace("distribution = \"General\"", "distribution = General");
    small_site(tmp.path(), &md);
    let err = fails(&plenary(tmp.path(), &["build"]));
    assert!(err.contains(&format!("content/{SMALL}:7:16: front matter")), "{err}");
    let md = bundled(SMALL).replace("title = \"African", "title = \"African\n");
    small_site(tmp.path(), &md);
    let err = fails(&plenary(tmp.path(), &["build"]));
    assert!(err.contains(&format!("content/{SMALL}:5:")) && err.contains("front matter"), "{err}");
    assert!(!tmp.path().join("public").exists());
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    small_site(tmp.path(), &bundled(SMALL));
    let broken = "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ res.title }}</p>\n<p>{{ res.symbol | }}</p>\n{% endblock main %}\n";
    site(tmp.path(), None, &[("templates/resolution.html", broken)]);
    let err = fails(&plenary(tmp.path(), &["build"]));
    assert!(err.contains("template resolution.html (templates/resolution.html:4:"), "template, file and line: {err}");
    // An unclosed tag is reported where the template ends.
    site(tmp.path(), None, &[("templates/index.html", "{% extends \"base.html\" %}\n{% block main %}\n{% if x %}\n")]);
    site(tmp.path(), None, &[("templates/resolution.html", "{% extends \"base.html\" %}\n")]);
    let err = fails(&plenary(tmp.path(), &["build"]));
    assert!(err.contains("template index.html (templates/index.html:4:1)"), "{err}");
}

#[test]
fn script_and_javascript_links_in_content_are_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = "<script>alert(1)</script>\\\" onmouseover=\\\"alert(2)";
    let md = bundled(SMALL)
        .replace("committee = \"First Committee\"", &format!("committee = \"{evil}\"\nsubjects = [\"{evil}\"]"))
        .replace("report = \"A/80/534, para. 7\"", "report = \"javascript:alert(3)\"")
        .replace(
            "[[agenda_items]]\nnumber = \"92\"",
            &format!("[[agenda_items]]\nnumber = \"92\"\ntitle = \"{evil}\""),
        );
    small_site(tmp.path(), &md);
    let ok = plenary(tmp.path(), &["build"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    // A link written in the text is not part of the format: refused with its line.
    for (text, what) in [
        ("[click](javascript:alert(4))", "Link"),
        ("<javascript:alert(5)>", "Link"),
        ("<script>alert(6)</script>", "HTML"),
        ("<a href=\"javascript:alert(7)\">x</a>", "HTML"),
    ] {
        let with_link = md.replace("*Recalling* its resolutions", &format!("*Recalling* {text} its resolutions"));
        let line = with_link.lines().position(|l| l.starts_with("{#pp1}")).unwrap() + 1;
        small_site(tmp.path(), &with_link);
        let err = fails(&plenary(tmp.path(), &["build"]));
        assert!(err.contains(&format!("content/{SMALL}:{line}:")) && err.contains(what), "{text}: {err}");
    }
    let files = tree(&tmp.path().join("public"));
    let mut seen = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let page = parse(path, bytes);
        for el in page.html.select(&sel("*")) {
            for (name, value) in el.value().attrs() {
                assert!(!name.starts_with("on"), "{path}: event handler attribute {name}={value}");
                let v = value.trim().to_ascii_lowercase();
                assert!(!v.starts_with("javascript:"), "{path}: {name}={value}");
            }
        }
        for script in page.html.select(&sel("script")) {
            let inline = script.text().collect::<String>();
            if script.value().attr("type") == Some("application/ld+json") {
                // Structured data is data, never run; the hostile text stays escaped in it.
                assert!(!inline.contains('<'), "{path}: unescaped < in JSON-LD");
                serde_json::from_str::<serde_json::Value>(&inline).expect("JSON-LD is valid JSON");
            } else {
                assert_eq!(inline, "", "{path}: inline script");
            }
        }
        let text: String = page.html.root_element().text().collect();
        seen += text.matches("<script>alert(1)</script>").count();
    }
    assert!(seen >= 3, "the hostile text is shown as text ({seen} times)");
}

#[test]
fn symbols_that_escape_the_output_are_refused() {
    for symbol in ["../../../evil", "/tmp/evil", "A/RES/../../evil", "A\\\\RES\\\\evil", "A/RES/80/"] {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir(&root).unwrap();
        let md = bundled(SMALL).replace("symbol = \"A/RES/80/14\"", &format!("symbol = \"{symbol}\""));
        small_site(&root, &md);
        let err = fails(&plenary(&root, &["build"]));
        assert!(err.contains(&format!("content/{SMALL}:2:")) && err.contains("cannot be used as a path"), "{err}");
        let written: Vec<String> = walkdir::WalkDir::new(tmp.path())
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(tmp.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(
            written,
            [
                "",
                "site",
                "site/content",
                "site/content/A",
                "site/content/A/RES",
                "site/content/A/RES/80",
                &format!("site/content/{SMALL}")
            ],
            "{symbol}"
        );
    }
}

#[test]
fn unwritable_output_fails_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    small_site(tmp.path(), &bundled(SMALL));
    std::fs::write(tmp.path().join("blocker"), "a file, not a directory").unwrap();
    let err = fails(&plenary(tmp.path(), &["build", "--out", "blocker/public"]));
    assert!(err.contains("cannot create blocker"), "{err}");
    let err = fails(&plenary(tmp.path(), &["build", "--out", "blocker"]));
    assert!(err.contains("the output blocker exists and is not a directory"), "{err}");
    // Where permissions apply (not as root), a read-only parent is reported too.
    let ro = tmp.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    set_mode(&ro, 0o555);
    if std::fs::write(ro.join("probe"), "").is_err() {
        let err = fails(&plenary(tmp.path(), &["build", "--out", "ro/public"]));
        assert!(err.contains("cannot create ro/.public.build-"), "{err}");
    }
    set_mode(&ro, 0o755);
    let err = fails(&plenary(tmp.path(), &["build", "--out", "/proc/plenary-public"]));
    assert!(err.contains("/proc"), "{err}");
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn one_and_two_threads_build_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for threads in ["1", "2", "2"] {
        let out = tmp.path().join(format!("public-{}-{threads}", trees.len()));
        let o = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(["build", "--root"])
            .arg(repo())
            .arg("--out")
            .arg(&out)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        trees.push(tree(&out));
    }
    assert!(trees[0].len() > 60);
    for t in &trees[1..] {
        assert_eq!(t.keys().collect::<Vec<_>>(), trees[0].keys().collect::<Vec<_>>());
        for (path, bytes) in t {
            assert!(bytes == &trees[0][path], "{path} differs between thread counts");
        }
    }
}
