//! The Akoma Ntoso schema validator for the tests: xmllint and the OASIS
//! `akomantoso30.xsd`, fetched by `tests/tools/install-akn-validator.sh`, and a
//! helper that validates a list of files with them.
//!
//! With `CI=true` a tool that cannot be installed fails the test; locally the
//! schema check is skipped with a message saying how to get the tools.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// xmllint and the schema, from the project's installer script.
pub fn validator() -> Option<(PathBuf, PathBuf)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/install-akn-validator.sh");
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("akn-tools");
    let result = Command::new("bash").arg(&script).arg(&cache).output();
    let problem = match &result {
        Ok(out) if out.status.success() => {
            let stdout = String::from_utf8_lossy(&out.stdout);
            let value = |key: &str| stdout.lines().find_map(|l| l.strip_prefix(key)).map(PathBuf::from);
            match (value("XMLLINT="), value("AKN_XSD=")) {
                (Some(xmllint), Some(xsd)) if xsd.is_file() => return Some((xmllint, xsd)),
                _ => format!("the installer printed no XMLLINT=/AKN_XSD= lines:\n{stdout}"),
            }
        }
        Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
        Err(e) => format!("cannot run bash: {e}"),
    };
    let message = format!("the Akoma Ntoso validator is not available ({}): {}", script.display(), problem.trim());
    if on_ci() {
        panic!("{message}");
    }
    eprintln!(
        "SKIPPED schema validation: {message}\n(run the script by hand, as root for apt-get, then rerun the test)"
    );
    None
}

/// Validates `files` against the schema; panics with xmllint's report unless every
/// file validates. Returns false (after saying so) when the validator is unavailable.
pub fn assert_valid(files: &[PathBuf]) -> bool {
    let Some((xmllint, xsd)) = validator() else { return false };
    let out = Command::new(&xmllint)
        .args(["--noout", "--nonet", "--schema"])
        .arg(&xsd)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", xmllint.display()));
    let report = String::from_utf8_lossy(&out.stderr);
    let validated = report.lines().filter(|l| l.ends_with(" validates")).count();
    let errors: Vec<&str> = report.lines().filter(|l| !l.ends_with(" validates")).collect();
    assert!(
        out.status.success() && errors.is_empty() && validated == files.len(),
        "{} of {} files validate; xmllint reported:\n{}",
        validated,
        files.len(),
        errors.join("\n")
    );
    eprintln!("{validated} Akoma Ntoso files validate against {}", xsd.display());
    true
}
