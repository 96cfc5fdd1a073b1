//! `plenary check` on a built site: the bundled collection passes; a copy broken on
//! purpose (a file removed, fragments renamed, an id doubled, a note removed) fails
//! with one line per problem naming page, link and reason. `plenary build` runs the
//! same check unless told not to.

mod build_support;

use build_support::*;
use std::path::Path;
use std::process::{Command, Output};

fn plenary(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary")).args(args).current_dir(dir).output().expect("plenary runs")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_built_collection_passes_and_a_broken_copy_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let built = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("build")
        .arg("--out")
        .arg(&out)
        .arg("--root")
        .arg(repo())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&built.stdout);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let pages = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    let checked = format!("checked {pages} pages:");
    assert!(stdout.contains(&checked) && stdout.contains(", 0 problems"), "build runs the check: {stdout}");

    let ok = plenary(tmp.path(), &["check", "public"]);
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(text.contains("external links (not fetched):\n") && text.contains("\n  undocs.org: "), "{text}");
    assert!(text.contains(&checked) && text.ends_with(", 0 problems\n"), "{text}");

    let page = out.join("A/RES/61/183/index.html");
    std::fs::remove_file(out.join("A/RES/80/1/index.html")).unwrap();
    edit(&page, "id=\"op33g\"", "id=\"op33-g\"");
    edit(&page, "id=\"pp2\"", "id=\"pp1\"");
    edit(&out.join("A/RES/57/174/index.html"), "<li id=\"fn1\"", "<li id=\"note1\"");
    // A page whose only problem is a link within itself.
    edit(&out.join("A/RES/80/10/index.html"), "id=\"pp1\"", "id=\"pp-one\"");
    let bad = plenary(tmp.path(), &["check", "public"]);
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(1), "{err}");
    for expected in [
        "public/A/RES/61/183/index.html: link \"../../../../A/RES/80/1/index.html\" → missing file",
        "public/A/RES/61/183/index.html: link \"#op33g\" → missing fragment",
        "public/A/RES/61/183/index.html: duplicate id \"pp1\"",
        "public/A/RES/61/183/index.html: link \"#pp2\" → missing fragment",
        "public/A/RES/57/174/index.html: footnote mark 1 → missing note #fn1",
        "public/A/RES/57/174/index.html: link \"#fn1\" → missing fragment",
        "public/A/RES/80/10/index.html: link \"#pp1\" → missing fragment",
        "public/index.html: link \"A/RES/80/1/index.html\" → missing file",
    ] {
        assert!(err.lines().any(|l| l == expected), "no line {expected:?} in\n{err}");
    }
    let stdout = String::from_utf8_lossy(&bad.stdout);
    assert!(!stdout.contains(", 0 problems"), "{stdout}");

    let missing = plenary(tmp.path(), &["check", "nowhere"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere: no such directory"));
}

#[test]
fn build_fails_on_a_broken_link_unless_told_not_to_check() {
    let tmp = tempfile::tempdir().unwrap();
    site(
        tmp.path(),
        None,
        &[
            ("content/A/RES/80/14.md", &bundled("A/RES/80/14.md")),
            ("templates/404.html", "{% extends \"base.html\" %}{% block main %}<a href=\"{{ root }}nothing/index.html#x\">x</a>{% endblock main %}"),
        ],
    );
    let failed = plenary(tmp.path(), &["build"]);
    let err = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{err}");
    assert!(err.contains("public/404.html: link \"nothing/index.html#x\" → missing file"), "{err}");
    assert!(err.contains("build with --no-check"), "{err}");
    let unchecked = plenary(tmp.path(), &["build", "--no-check"]);
    assert!(unchecked.status.success(), "{}", String::from_utf8_lossy(&unchecked.stderr));
    assert!(!String::from_utf8_lossy(&unchecked.stdout).contains("checked"));
    // A checked build that fails leaves the site in place as it was.
    let page = tmp.path().join("public/A/RES/80/14/index.html");
    let before = std::fs::read(&page).unwrap();
    edit(&tmp.path().join("content/A/RES/80/14.md"), "{#pp1} ", "{#pp1} Changed. ");
    let failed = plenary(tmp.path(), &["build"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("the previous site in"));
    assert_eq!(std::fs::read(&page).unwrap(), before, "the failed build did not replace the site");
}
