//! A build killed midway (SIGKILL while it writes a large generated collection)
//! leaves the previous site exactly as it was, and the next build succeeds.

mod build_support;

use build_support::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Writes `n` resolutions, copies of a bundled one under new symbols, with `tag` in
/// their titles so that two generations differ.
fn generate(root: &Path, n: usize, tag: &str) {
    let base = bundled("A/RES/80/14.md");
    for i in 0..n {
        let symbol = format!("A/RES/99/{}", i + 1);
        let md = base
            .replace("symbol = \"A/RES/80/14\"", &format!("symbol = \"{symbol}\""))
            .replace("title = \"", &format!("title = \"{tag} "));
        let path = root.join(format!("content/A/RES/99/{}.md", i + 1));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, md).unwrap();
    }
}

fn build_cmd(root: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plenary"));
    c.args(["build", "--quiet", "--no-check"]).current_dir(root).stdout(Stdio::null()).stderr(Stdio::null());
    c
}

#[test]
fn killed_build_leaves_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    generate(root, 1500, "First");
    assert!(build_cmd(root).status().unwrap().success());
    let out = root.join("public");
    let before = tree(&out);
    assert!(before.len() > 4500);

    generate(root, 1500, "Second");
    let mut kills = 0;
    for delay_ms in [0u64, 30, 120] {
        let mut child = build_cmd(root).spawn().unwrap();
        let staging = root.join(format!(".public.build-{}", child.id()));
        // Wait until the build is writing its staging directory, then kill it.
        let start = Instant::now();
        while !staging.exists() && start.elapsed() < Duration::from_secs(120) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        assert!(tree(&out) == before, "the site changed after a build was killed ({delay_ms} ms into writing)");
    }
    assert!(kills >= 2, "the build finished before it could be killed ({kills} kills)");

    // What the killed builds left beside the output is removed by the next build,
    // which replaces the site as a whole.
    let leftovers = || -> Vec<String> {
        std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public."))
            .collect()
    };
    assert!(!leftovers().is_empty(), "a killed build leaves its staging directory");
    assert!(build_cmd(root).status().unwrap().success());
    assert_eq!(leftovers(), Vec::<String>::new());
    let after = tree(&out);
    assert_eq!(after.len(), before.len());
    let page = String::from_utf8_lossy(&after["A/RES/99/7/index.html"]).into_owned();
    assert!(page.contains("Second "), "the new build is in place");
}
