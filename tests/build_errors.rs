//! A build that cannot succeed says why (file:line, template name) and leaves the
//! previous output untouched; content can never inject script; outputs that would
//! overwrite the site are refused; `plenary init` gives a site that builds.

mod build_support;

use build_support::*;
use std::path::Path;
use std::process::Command;

const SMALL: &str = "A/RES/80/14.md";

fn small_site(dir: &Path) {
    site(dir, None, &[(&format!("content/{SMALL}"), &bundled(SMALL))]);
}

#[test]
fn broken_markdown_names_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    small_site(tmp.path());
    let broken = bundled(SMALL).replace("{#op3} 3. ", "");
    let line = broken.lines().position(|l| l.starts_with("*Recalls* the convening")).unwrap() + 1;
    site(tmp.path(), None, &[("content/A/RES/80/99.md", &broken.replace("A/RES/80/14", "A/RES/80/99"))]);
    let err = build(tmp.path(), &tmp.path().join("public")).unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains(&format!("content/A/RES/80/99.md:{line}:")), "{msg}");
    assert!(msg.contains("paragraph without an id"), "{msg}");
    assert!(!tmp.path().join("public").exists());
}

#[test]
fn duplicate_symbols_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    small_site(tmp.path());
    site(tmp.path(), None, &[("content/copy.md", &bundled(SMALL))]);
    let msg = format!("{:#}", build(tmp.path(), &tmp.path().join("public")).unwrap_err());
    assert!(msg.contains("A/RES/80/14") && msg.contains("also the symbol of"), "{msg}");
}

#[test]
fn broken_template_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    small_site(tmp.path());
    site(
        tmp.path(),
        None,
        &[("templates/resolution.html", "{% extends \"base.html\" %}\n{% block main %}{% if %}{% endblock main %}")],
    );
    let msg = format!("{:#}", build(tmp.path(), &tmp.path().join("public")).unwrap_err());
    assert!(msg.contains("resolution.html"), "{msg}");
    assert!(msg.contains("templates/resolution.html"), "{msg}");

    // A template that parses but fails at render time is named too.
    site(tmp.path(), None, &[("templates/resolution.html", "{{ nothing.here }}")]);
    let msg = format!("{:#}", build(tmp.path(), &tmp.path().join("public")).unwrap_err());
    assert!(msg.contains("template resolution.html") && msg.contains("nothing.here"), "{msg}");
}

#[test]
fn failed_build_leaves_previous_output() {
    let tmp = tempfile::tempdir().unwrap();
    small_site(tmp.path());
    let out = tmp.path().join("public");
    build(tmp.path(), &out).unwrap();
    let before = tree(&out);
    assert!(before.contains_key("A/RES/80/14/index.html"));
    site(tmp.path(), None, &[("templates/index.html", "{% block %}")]);
    assert!(build(tmp.path(), &out).is_err());
    assert_eq!(tree(&out), before);
    std::fs::remove_file(tmp.path().join("templates/index.html")).unwrap();
    site(tmp.path(), None, &[(&format!("content/{SMALL}"), "+++\nsymbol = \n+++\n")]);
    let msg = format!("{:#}", build(tmp.path(), &out).unwrap_err());
    assert!(msg.contains(&format!("content/{SMALL}:2")), "{msg}");
    assert_eq!(tree(&out), before);
    let names: Vec<String> =
        std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.starts_with(".public")), "{names:?}");
}

#[test]
fn script_in_content_is_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let md = bundled(SMALL)
        .replace("title = \"African Nuclear-Weapon-Free Zone Treaty\"", "title = \"<script>alert('title')</script>\"")
        .replace(
            "*Recalling* its resolutions",
            "*Recalling* \\<script\\>alert(1)\\</script\\> \\<img src=x onerror=alert(2)\\> its resolutions",
        )
        .replace("[^1]: A/50/426, annex.", "[^1]: \\<script\\>alert(3)\\</script\\>");
    assert!(md.contains("alert(1)") && md.contains("alert(3)") && md.contains("alert('title')"));
    site(tmp.path(), None, &[(&format!("content/{SMALL}"), &md)]);
    let out = tmp.path().join("public");
    build(tmp.path(), &out).unwrap();
    for (path, bytes) in tree(&out).iter().filter(|(p, _)| p.ends_with(".html")) {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("<script>alert"), "{path}");
        assert!(!text.contains("<img"), "{path}");
        let page = parse(path, bytes);
        for script in page.html.select(&sel("script")) {
            if script.value().attr("type") == Some("application/ld+json") {
                // Structured data: JSON with every `<` escaped, so it cannot end the element.
                let json = script.text().collect::<String>();
                assert!(!json.contains('<') && serde_json::from_str::<serde_json::Value>(&json).is_ok(), "{path}");
                continue;
            }
            let src = script.value().attr("src").unwrap_or_default();
            assert!(src.ends_with("static/plenary.js") || src.ends_with("static/search.js"), "{path}");
            assert_eq!(script.text().collect::<String>(), "", "{path}");
        }
    }
    let page = std::fs::read_to_string(out.join("A/RES/80/14/index.html")).unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"));
}

#[test]
fn outputs_that_overwrite_the_site_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    small_site(tmp.path());
    for bad in [
        tmp.path().to_path_buf(),
        tmp.path().join("content"),
        tmp.path().join("content/A"),
        tmp.path().join("public/.."),
    ] {
        let msg = format!("{:#}", build(tmp.path(), &bad).unwrap_err());
        assert!(msg.contains("refusing to build into"), "{}: {msg}", bad.display());
    }
    // A directory that Plenary did not write is not replaced.
    let other = tmp.path().join("mine");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "keep").unwrap();
    let msg = format!("{:#}", build(tmp.path(), &other).unwrap_err());
    assert!(msg.contains("did not write"), "{msg}");
    assert_eq!(std::fs::read_to_string(other.join("notes.txt")).unwrap(), "keep");
    assert!(tmp.path().join("content").join(SMALL).is_file());
}

#[test]
fn site_templates_and_assets_override_the_builtin_ones() {
    let tmp = tempfile::tempdir().unwrap();
    small_site(tmp.path());
    site(
        tmp.path(),
        Some("title = \"Treaties & zones\"\n"),
        &[
            (
                "templates/404.html",
                "{% extends \"base.html\" %}{% block main %}<p>Lost in {{ site.title }}</p>{% endblock main %}",
            ),
            ("static/plenary.css", "body { color: red }"),
            ("static/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ],
    );
    let out = tmp.path().join("public");
    build(tmp.path(), &out).unwrap();
    let files = tree(&out);
    assert!(String::from_utf8_lossy(&files["404.html"]).contains("<p>Lost in Treaties &amp; zones</p>"));
    assert_eq!(files["static/plenary.css"], b"body { color: red }");
    assert!(files.contains_key("static/img/logo.svg"));
    assert!(files.contains_key("static/plenary.js"));
}

#[test]
fn cli_init_then_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let bin = env!("CARGO_BIN_EXE_plenary");
    let init = Command::new(bin).arg("init").arg(&dir).output().unwrap();
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    assert!(dir.join("plenary.toml").is_file());
    let built = Command::new(bin).arg("build").current_dir(&dir).output().unwrap();
    let stdout = String::from_utf8_lossy(&built.stdout);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    assert!(stdout.contains("public") && stdout.contains("index.html"), "{stdout}");
    assert!(dir.join("public/A/RES/80/14/index.html").is_file());
    // init refuses a directory that is not empty.
    assert!(!Command::new(bin).arg("init").arg(&dir).status().unwrap().success());
    // A broken file: non-zero exit and file:line on stderr, no panic.
    std::fs::write(dir.join("content/A/RES/80/14.md"), "no front matter").unwrap();
    let failed = Command::new(bin).arg("build").current_dir(&dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr.contains("content/A/RES/80/14.md:1:") && !stderr.contains("panicked"), "{stderr}");
}
